import Foundation
import JOSE

/// `jwsbench verify-rate KEYFILE TOKENFILE` and `jwsbench sign-rate KEYFILE CLAIMSFILE`: the library's own rate on
/// the calling thread, on the very inputs `Benchmarks/cli.py` gives the CLI, so that the two compare in one run.
/// The input is read and split before the clock starts; the verifier is configured as `jwstool verify` configures it
/// (default claim checks, every problem diagnosed), and signing starts from each claims line's text, as `sign --batch`
/// does. Prints `tokens per second` as a bare number (best of 3 rounds).
enum LibraryRate {
    static func run(_ arguments: ArraySlice<String>) throws {
        guard arguments.count == 3, let mode = arguments.first else {
            throw BenchmarkFailure("usage: jwsbench verify-rate|sign-rate KEYFILE INPUTFILE")
        }
        let key = try KeyFile.keys(from: Array(try Data(contentsOf: URL(fileURLWithPath: arguments[arguments.startIndex + 1]))))
        let lines = try String(contentsOfFile: arguments[arguments.startIndex + 2], encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var best = Double.infinity
        switch mode {
        case "verify-rate":
            let verifier = TokenVerifier(keys: KeySet(key), claims: ClaimValidation(), diagnosesUnverifiedClaims: true)
            for _ in 0..<3 { best = min(best, Benchmark.time { lines.allSatisfy { verifier.verify($0).isValid } }) }
        case "sign-rate":
            // From a claims line to a token, as `sign --batch` does it: parse the line, sign with the key's kid.
            guard let signingKey = key.first, let algorithm = Algorithm.defaultAlgorithm(for: signingKey.type) else { throw BenchmarkFailure("no signing key") }
            let kid = try signingKey.id ?? signingKey.thumbprint()
            let header: [(String, JSONValue)] = [("kid", .string(kid))]
            let signer = JWSSigner()
            for _ in 0..<3 {
                best = min(best, Benchmark.time {
                    lines.allSatisfy { line in
                        guard let claims = try? JSONValue.parse(Array(line.utf8)) else { return false }
                        return (try? signer.signJWT(claims, key: signingKey, algorithm: algorithm, header: header)) != nil
                    }
                })
            }
        default:
            throw BenchmarkFailure("unknown mode \(mode)")
        }
        print(String(format: "%.0f", Double(lines.count) / best))
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
