import ArgumentParser
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

    /// The values given, as the run uses them.
    var verification: Verification {
        Verification(inputs: inputs, input: inputOptions.limits, keys: keys.sources, algorithms: algorithms, claims: claims.checks,
                     detachedPayload: detachedPayload, json: output.json, quiet: quiet, allSignatures: allSignatures,
                     includeClaims: includeClaims)
    }

    func validate() throws {
        if let problem = verification.usageError { throw ValidationError(problem) }
    }

    func run() throws { try verification.run() }
}
