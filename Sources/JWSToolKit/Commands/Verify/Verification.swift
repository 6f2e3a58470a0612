import ArgumentParser
import JOSE

/// One `jwstool verify` run: what its command line asks for, as plain values, and the run itself. ``VerifyCommand``
/// (ArgumentParser) and ``VerifyArguments`` (the fast path of `jwstool verify`) both make one.
struct Verification: Equatable, Sendable {
    /// Tokens, files, directories or `-`; none means standard input.
    var inputs: [String] = []
    var input = InputLimits()
    var keys = KeySources()
    /// `--alg`: the algorithms to accept; none means any that fits the key.
    var algorithms: [Algorithm] = []
    var claims = ClaimChecks()
    var detachedPayload: String?
    var json = false
    var quiet = false
    var allSignatures = false
    /// `--claims`: the claims of each valid token in the JSON output.
    var includeClaims = false

    /// The usage error of a combination that cannot run, if any (ArgumentParser shows it with the usage).
    var usageError: String? {
        if let problem = input.usageError { return problem }
        if includeClaims && !json { return "--claims adds the claims to the --json output; give --json too" }
        if !keys.verifies {
            return "give the verification key with --key FILE or --secret SECRET (or trust anchors with --trust CERTFILE)"
        }
        return nil
    }

    func run() throws {
        let options = JWSVerifier.Options(
            allowedAlgorithms: algorithms.isEmpty ? nil : Set(algorithms), keyPolicy: keys.keyPolicy,
            trustAnchors: try keys.loadTrustAnchors())
        var prepared = TokenVerifier(keys: try keys.loadKeys(), options: options, claims: try claims.validation(), diagnosesUnverifiedClaims: true)
        prepared.requiresEverySignature = allSignatures
        let verifier = prepared
        let payload = try detachedPayload.map { try Files.read($0, what: "detached payload") }
        let now = try claims.checkTime()
        let caveat = claims.caveat(at: now)
        var (valid, invalid) = (0, 0)
        // Streamed: batches are read, verified by --jobs workers and printed in input order, all at once.
        try TokenInputs.process(inputs, limits: input, transform: { verifier.verify($0.text, detachedPayload: payload, at: now) }) { tokens, results in
            for (token, result) in zip(tokens, results) where !(quiet && result.isValid) {
                print(json ? Self.json(token, result, asOf: claims.now == nil ? nil : now, checksExpiration: !claims.ignoreExp,
                                       includeClaims: includeClaims).compact
                           : Self.line(token, result) + caveat)
            }
            let failed = results.filter { !$0.isValid }.count
            (valid, invalid) = (valid + results.count - failed, invalid + failed)
        }
        if !json && valid + invalid > 1 {
            Terminal.note("\(valid + invalid) tokens: \(valid) valid, \(invalid) invalid")
        }
        if invalid > 0 { throw ExitCode(CLIFailure.Status.invalid.rawValue) }
    }

    static func line(_ token: TokenInput, _ result: VerificationResult) -> String {
        if result.isValid {
            let note = result.claimsChecked ? "" : " (signature only: the payload is not a JWT, no claims were checked)"
            return "\(Terminal.styled("OK", .green)) \(token.label)\(note)"
        }
        return "\(Terminal.styled("FAIL", .red)) \(token.label): \(result.failures.map(\.description).joined(separator: "; "))"
    }

    static func json(_ token: TokenInput, _ result: VerificationResult, asOf: NumericDate? = nil, checksExpiration: Bool = true,
                     includeClaims: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [("input", .string(token.label)), ("valid", .bool(result.isValid))]
        if let asOf { members.append(("asOf", .string(asOf.iso8601))) }
        if !checksExpiration { members.append(("expirationChecked", false)) }
        if let verified = result.verified {
            members.append(("algorithm", .string(verified.algorithm.rawValue)))
            if let kid = verified.key.id { members.append(("kid", .string(kid))) }
        }
        members.append(("claimsChecked", .bool(result.claimsChecked)))
        // Only a valid token's claims: what a script reads from here has been verified.
        if includeClaims, result.isValid, let claims = result.claims { members.append(("claims", claims)) }
        members.append(("errors", .array(result.failures.map { failure in
            .object([("code", .string(failure.code.rawValue)), ("location", .string(failure.location)), ("message", .string(failure.reason))])
        })))
        return .object(members)
    }
}
