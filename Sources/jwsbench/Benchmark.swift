import CJansson
import COpenSSL
import Foundation
import JOSE

/// `swift run -c release jwsbench [--count N]`: single-core verification throughput of JOSE against raw OpenSSL,
/// measured in the same process and run, on realistic software statements.
@main
struct Benchmark {
    struct Case {
        let algorithm: Algorithm
        let key: Key
        let raw: RawOpenSSLVerifier
    }

    static func main() throws {
        let arguments = CommandLine.arguments
        if let mode = arguments.dropFirst().first, mode.hasSuffix("-rate") { return try LibraryRate.run(arguments.dropFirst()) }
        let count = arguments.firstIndex(of: "--count").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
        let only = arguments.firstIndex(of: "--only").map { arguments[$0 + 1] }
        let rounds = 5
        print("jwstool benchmark: \(count) software statements per algorithm, single core, best of \(rounds) rounds")
        print("OpenSSL \(String(cString: OpenSSL_version(0)))")
        print("")
        print("alg     (a) raw OpenSSL µs   (b) JOSE full verify µs   ratio (b)/(a)   target      json_loadb µs")
        let targets: [Algorithm: Double] = [.hs256: 0.10, .rs256: 0.8, .ps256: 0.8, .es256: 0.95, .edDSA: 0.9]
        for testCase in try cases() where only == nil || only == testCase.algorithm.rawValue {
            let tokens = try statements(count: count, key: testCase.key, algorithm: testCase.algorithm)
            let tokenBytes = tokens.map { Array($0.utf8) }
            let verifier = TokenVerifier(
                keys: KeySet([try testCase.key.publicKey]),
                options: .init(allowedAlgorithms: [testCase.algorithm]),
                claims: ClaimValidation(audience: "https://api.example.com/o/client/register"))
            let documents = try tokens.map { token in
                let parts = token.split(separator: ".")
                return try (Base64URL.decode(String(parts[0])), Base64URL.decode(String(parts[1])))
            }
            var rawBest = Double.infinity
            var joseBest = Double.infinity
            var jsonBest = Double.infinity
            for _ in 0..<rounds {
                rawBest = min(rawBest, time { tokenBytes.allSatisfy { testCase.raw.verify($0) } })
                joseBest = min(joseBest, time { tokens.allSatisfy { verifier.verify($0).isValid } })
                jsonBest = min(jsonBest, time { documents.allSatisfy { plainParse($0.0) && plainParse($0.1) } })
            }
            let rawMicros = rawBest / Double(count) * 1e6
            let joseMicros = joseBest / Double(count) * 1e6
            let ratio = rawBest / joseBest
            let target = targets[testCase.algorithm] ?? 0
            let verdict = ratio >= target ? "≥ \(target) met" : "≥ \(target) MISSED"
            let jsonMicros = jsonBest / Double(count) * 1e6
            print("\(pad(testCase.algorithm.rawValue, 8))\(pad(format(rawMicros), 22))\(pad(format(joseMicros), 26))\(pad(format(ratio, digits: 2), 16))\(pad(verdict, 12))\(format(jsonMicros))")
        }
    }

    /// Header or payload parsed by plain `json_loadb` (no flags, no checks): the floor for any jansson-based verifier.
    static func plainParse(_ bytes: [UInt8]) -> Bool {
        var error = json_error_t()
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { json_loadb($0.baseAddress, $0.count, 0, &error) }
        }
        guard let parsed else { return false }
        jwstool_json_decref(parsed)
        return true
    }

    /// Seconds taken by `body`, which must return true (every token valid) for the run to count.
    static func time(_ body: () -> Bool) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let valid = body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !valid {
            print("a token failed to verify: the benchmark is void")
            exit(1)
        }
        return elapsed
    }

    static func cases() throws -> [Case] {
        let secret = (0..<32).map { UInt8($0 &* 7 &+ 3) }
        let rsa = try Key.generate(.rsa(bits: 2048))
        let ec = try Key.generate(.ec(.p256))
        let ed = try Key.generate(.okp(.ed25519))
        return [
            Case(algorithm: .hs256, key: Key(secret: secret), raw: RawOpenSSLVerifier(hmacSecret: secret)),
            Case(algorithm: .rs256, key: rsa, raw: RawOpenSSLVerifier(pem: try rsa.pem(), kind: .rsa, digest: "SHA256")),
            Case(algorithm: .ps256, key: rsa, raw: RawOpenSSLVerifier(pem: try rsa.pem(), kind: .pss, digest: "SHA256")),
            Case(algorithm: .es256, key: ec, raw: RawOpenSSLVerifier(pem: try ec.pem(), kind: .ecdsa(width: 32), digest: "SHA256")),
            Case(algorithm: .edDSA, key: ed, raw: RawOpenSSLVerifier(pem: try ed.pem(), kind: .eddsa, digest: nil)),
        ]
    }

    /// Realistic software statements of about 650 bytes of claims, each with its own jti.
    static func statements(count: Int, key: Key, algorithm: Algorithm) throws -> [String] {
        let signer = JWSSigner()
        let now = Int64(Date().timeIntervalSince1970)
        return try (0..<count).map { index in
            let claims: JSONValue = [
                "iss": "https://auth.example.com",
                "sub": "8c1a3f1e-2b4d-4c6e-9f70-1a2b3c4d5e6f",
                "aud": "https://api.example.com/o/client/register",
                "iat": .integer(now),
                "exp": .integer(now + 86_400),
                "jti": .string("statement-\(index)-5f0c7a9e1d2b4c6e8a0b"),
                "software_id": "8c1a3f1e-2b4d-4c6e-9f70-1a2b3c4d5e6f",
                "software_version": "4.2.1",
                "client_name": "Example Streaming Player for Living-Room Devices",
                "redirect_uris": ["https://player.example.com/oauth/callback", "com.example.player://oauth/callback"],
                "grant_types": ["client_credentials"],
                "token_endpoint_auth_method": "client_secret_post",
                "scope": "api:client:v2 usage:read profile:read entitlement:check device:register",
            ]
            return try signer.signJWT(claims, key: key, algorithm: algorithm, header: [("typ", "JWT"), ("kid", "bench")])
        }
    }

    static func format(_ value: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
    static func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
}
