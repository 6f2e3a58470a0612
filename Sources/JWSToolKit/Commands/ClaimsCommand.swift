import ArgumentParser
import JOSE

/// `jwstool claims`: a token's claims for scripts.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Print a token's claims, one claim, or the software id; for scripts.",
        discussion: """
            With no --get prints every claim as JSON. --get NAME prints the raw value (strings unquoted, others as \
            JSON), one line per name, nested names by the path lint prints (redirect_uris[1], address.country) or dotted \
            (redirect_uris.1); exit 1 when a name is absent. --software-id prints software_id, else sub, before any \
            --get: sid=$(jwstool claims --software-id statement.jwt). With --key or --secret the token is verified \
            first, with the verify policy options (--iss, --aud, --typ, --alg, --require, …), and exit status 1 means \
            it is not valid: one run both checks and extracts.
            """)

    @OptionGroup var inputOptions: InputOptions
    @Argument(help: "A token, a file holding one, or - for standard input (default).", completion: .file()) var input: String?
    @Option(name: .customLong("get"), help: ArgumentHelp("A claim to print (repeatable; dotted paths for nested members).", valueName: "name"))
    var names: [String] = []
    @Flag(help: "Print the software id: software_id, else sub.") var softwareId = false
    @OptionGroup var keys: KeyOptions
    @Option(name: .customLong("alg"), help: ArgumentHelp("With a key: an algorithm to accept (repeatable).", valueName: "alg"))
    var algorithms: [Algorithm] = []
    @OptionGroup var policy: ClaimOptions

    func validate() throws {
        if (policy.checks.asksForChecks || !algorithms.isEmpty) && !keys.sources.verifies {
            throw ValidationError("the policy options check a verified token: give the key with --key FILE or --secret SECRET")
        }
    }

    func run() throws {
        let inputs = try TokenInputs.expand(input.map { [$0] } ?? [], limit: inputOptions.limits.maxInput)
        guard inputs.count == 1, let token = inputs.first else {
            throw CLIFailure(.usage, "claims takes one token; \(input ?? "the input") holds \(inputs.count)")
        }
        let claims = try verifiedClaims(token)
        if softwareId {
            guard let id = SoftwareID.claim(in: claims) else {
                throw CLIFailure(.invalid, "\(token.label): no software id (neither software_id nor sub)")
            }
            print(Self.raw(id))
            if names.isEmpty { return }
        }
        guard !names.isEmpty else { return print(claims.pretty) }
        var missing: [String] = []
        for name in names {
            if let value = Self.lookup(name, in: claims) { print(Self.raw(value)) } else { missing.append(name) }
        }
        if !missing.isEmpty { throw CLIFailure(.invalid, "\(token.label): no claim \(missing.map { "\"\($0)\"" }.joined(separator: ", "))") }
    }

    private func verifiedClaims(_ token: TokenInput) throws -> JSONValue {
        let keys = self.keys.sources, policy = self.policy.checks
        if keys.verifies {
            let options = JWSVerifier.Options(allowedAlgorithms: algorithms.isEmpty ? nil : Set(algorithms), keyPolicy: keys.keyPolicy,
                                              trustAnchors: try keys.loadTrustAnchors())
            let verifier = TokenVerifier(keys: try keys.loadKeys(), options: options, claims: try policy.validation(), requireCompact: true)
            let result = verifier.verify(token.text, at: try policy.checkTime())
            guard result.isValid, let claims = result.claims else {
                throw CLIFailure(.invalid, "\(token.label): not valid: \(result.failures.map(\.description).joined(separator: "; "))")
            }
            return claims
        }
        let jws: JWS
        do { jws = try JWS.parse(token.text) } catch { throw CLIFailure(.invalid, "\(token.label): \(error)") }
        guard let claims = jws.claims else { throw CLIFailure(.invalid, "\(token.label): the payload is not a JSON object of claims") }
        return claims
    }

    /// A member by exact name first (claim names may contain dots, e.g. URIs), else by path: the form lint prints
    /// (`redirect_uris[1]`, `address.country`, with an optional `payload.` in front) or dotted indexes
    /// (`redirect_uris.1`).
    static func lookup(_ name: String, in claims: JSONValue) -> JSONValue? {
        if let value = claims[name] { return value }
        let path = name.hasPrefix("payload.") && claims["payload"] == nil ? String(name.dropFirst("payload.".count)) : name
        var current: JSONValue? = claims
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            // `name[1][2]`: the member, then each index.
            let member = part.prefix { $0 != "[" }
            var indexes: [Int] = []
            var rest = part.dropFirst(member.count)
            while rest.first == "[", let close = rest.firstIndex(of: "]") {
                guard let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
                indexes.append(index)
                rest = rest[rest.index(after: close)...]
            }
            guard rest.isEmpty else { return nil }
            if !member.isEmpty {
                if current?.kind == .array, indexes.isEmpty, let index = Int(member) {
                    current = current?[index: index]
                } else {
                    current = current?[String(member)]
                }
            }
            for index in indexes { current = current?.kind == .array ? current?[index: index] : nil }
        }
        return current
    }

    /// Strings unquoted, everything else as compact JSON.
    static func raw(_ value: JSONValue) -> String { value.stringValue ?? value.compact }
}
