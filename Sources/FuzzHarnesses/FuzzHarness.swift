import JOSE

/// A coverage-guided fuzz target: one function of arbitrary bytes that must return (never trap, never leak) for
/// every input. The libFuzzer driver (`jwstool-fuzz`, built by `Fuzz/run.sh`) and the regression tests, which replay
/// every crash input ever found, run the same functions.
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// Compact and JSON serializations through `JWS.parse` and `TokenVerifier` (fixed keys, every algorithm family).
    case jws
    /// The strict JSON layer: parse (with and without duplicate rejection), serialize, read.
    case json
    /// Key files: PEM, DER, certificates, JWK and JWK Set.
    case keys
    /// The linter in every profile, with and without keys.
    case lint
    /// Structure-aware: the input is a claim set (and optionally a header) as JSON, signed into a token that verifies,
    /// so the bytes reach the claim policies, the linter's claim rules and date formatting instead of stopping at base64url.
    case claims

    /// Runs the harness on one input.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .jws: JWSHarness.run(bytes)
        case .json: JSONHarness.run(bytes)
        case .keys: KeysHarness.run(bytes)
        case .lint: LintHarness.run(bytes)
        case .claims: ClaimsHarness.run(bytes)
        }
    }
}
