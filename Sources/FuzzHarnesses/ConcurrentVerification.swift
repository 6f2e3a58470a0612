import Dispatch
import JOSE
import Synchronization

/// Many threads verifying with one shared, prepared `TokenVerifier` — every algorithm family, valid and forged tokens
/// alike — which is what batch verification does: the prepared OpenSSL contexts (digest and MAC templates) are copied
/// by all threads at once. Run under ThreadSanitizer by `.ci/run` (`jwstool-fuzz race`) and plainly by the tests.
public enum ConcurrentVerification {
    /// Runs the workload; returns every wrong verdict seen (empty when all agree).
    public static func run(threads: Int, rounds: Int) -> [String] {
        let cases: [(token: String, valid: Bool)]
        let verifier: TokenVerifier
        do {
            let specs: [(KeySpec, Algorithm)] = [(.rsa(bits: 2048), .rs256), (.rsa(bits: 2048), .ps256), (.ec(.p256), .es256),
                                                 (.okp(.ed25519), .edDSA), (.oct(bytes: 32), .hs256)]
            var keys: [Key] = []
            var built: [(String, Bool)] = []
            let claims: JSONValue = .object([("sub", "race"), ("exp", .integer(253_402_300_000))])
            for (index, (spec, algorithm)) in specs.enumerated() {
                var key = try Key.generate(spec)
                key.id = "k\(index)"
                let token = try JWSSigner().signJWT(claims, key: key, algorithm: algorithm, header: [("kid", .string("k\(index)"))])
                keys.append(try key.publicKey)
                built.append((token, true))
                built.append((String(token.dropLast(4)) + (token.hasSuffix("AAAA") ? "BBBB" : "AAAA"), false))
            }
            cases = built
            verifier = TokenVerifier(keys: KeySet(keys))
        } catch {
            return ["set-up failed: \(error)"]
        }
        let problems = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for round in 0..<rounds {
                for (index, entry) in cases.enumerated() where verifier.verify(entry.token).isValid != entry.valid {
                    problems.withLock { $0.append("thread \(thread), round \(round): case \(index) should be \(entry.valid ? "valid" : "invalid")") }
                }
            }
        }
        return problems.withLock { $0 }
    }
}
