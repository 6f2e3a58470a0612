import ArgumentParser
import Dispatch
import FoundationEssentials
import JOSE

/// `jwstool verify`: check signatures and claims of one or many tokens.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the signature and claims of tokens with your keys.",
        discussion: """
            Prints OK <input> or FAIL <input>: reason; reason for each token. Exit status 0 when every token is \
            valid, 1 when any is invalid (a malformed token is invalid), 2 for usage errors or an unreadable key.
            """)

    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var keys: KeyOptions
    @Option(name: .customLong("alg"), help: ArgumentHelp("An algorithm to accept (repeatable); default: any that fits the key.", valueName: "alg"))
    var algorithms: [Algorithm] = []
    @OptionGroup var claims: ClaimOptions
    @Option(help: ArgumentHelp("The payload of a detached JWS (RFC 7515 Appendix F).", valueName: "file"), completion: .file()) var detachedPayload: String?
    @OptionGroup var output: OutputOptions
    @Flag(name: .shortAndLong, help: "Print only the tokens that fail.") var quiet = false
    @Flag(help: "Require every signature of a multi-signature JWS to verify (default: one is enough).") var allSignatures = false
    @Flag(name: .customLong("claims"), help: "With --json: add the claims of each valid token (\"claims\").") var includeClaims = false
    @Argument(help: "Tokens, files (one token, or one per line), directories, or - for standard input (default).", completion: .file())
    var inputs: [String] = []

    func validate() throws {
        if includeClaims && !output.json { throw ValidationError("--claims adds the claims to the --json output; give --json too") }
        if !keys.givesKeys && keys.trustFiles.isEmpty {
            throw ValidationError("give the verification key with --key FILE or --secret SECRET (or trust anchors with --trust CERTFILE)")
        }
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
        try TokenInputs.process(inputs, options: inputOptions, transform: { verifier.verify($0.text, detachedPayload: payload, at: now) }) { tokens, results in
            for (token, result) in zip(tokens, results) where !(quiet && result.isValid) {
                print(output.json ? Self.json(token, result, asOf: claims.now == nil ? nil : now, checksExpiration: !claims.ignoreExp,
                                              includeClaims: includeClaims).compact
                                  : Self.line(token, result) + caveat)
            }
            let failed = results.filter { !$0.isValid }.count
            (valid, invalid) = (valid + results.count - failed, invalid + failed)
        }
        if !output.json && valid + invalid > 1 {
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
