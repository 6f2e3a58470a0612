import ArgumentParser
import JOSE

/// `jwstool claims`: a token's claims for scripts.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Print a token's claims, one claim, or the software id; for scripts.",
        discussion: """
            With no --get prints every claim as JSON. --get NAME prints the raw value (strings unquoted, others as \
            JSON), one line per name, nested names by dotted path (--get address.country, --get redirect_uris.0); exit 1 when a name is \
            absent. --software-id prints software_id, else sub: sid=$(jwstool claims --software-id statement.jwt). \
            With --key the token is verified first, and exit status 1 means it is not valid.
            """)

    @OptionGroup var inputOptions: InputOptions
    @Argument(help: "A token, a file holding one, or - for standard input (default).") var input: String?
    @Option(name: .customLong("get"), help: ArgumentHelp("A claim to print (repeatable; dotted paths for nested members).", valueName: "name"))
    var names: [String] = []
    @Flag(help: "Print the software id: software_id, else sub.") var softwareId = false
    @OptionGroup var keys: KeyOptions

    func run() throws {
        let inputs = try TokenInputs.expand(input.map { [$0] } ?? [], limit: inputOptions.maxInput.value)
        guard inputs.count == 1, let token = inputs.first else {
            throw CLIFailure(.usage, "claims takes one token; \(input ?? "the input") holds \(inputs.count)")
        }
        let claims = try verifiedClaims(token)
        if softwareId {
            guard let id = SoftwareID.claim(in: claims) else {
                throw CLIFailure(.invalid, "\(token.label): no software id (neither software_id nor sub)")
            }
            print(Self.raw(id))
            return
        }
        guard !names.isEmpty else { return print(claims.pretty) }
        var missing: [String] = []
        for name in names {
            if let value = Self.lookup(name, in: claims) { print(Self.raw(value)) } else { missing.append(name) }
        }
        if !missing.isEmpty { throw CLIFailure(.invalid, "\(token.label): no claim \(missing.map { "\"\($0)\"" }.joined(separator: ", "))") }
    }

    private func verifiedClaims(_ token: TokenInput) throws -> JSONValue {
        if keys.givesKeys || !keys.trustFiles.isEmpty {
            let options = JWSVerifier.Options(keyPolicy: keys.keyPolicy, trustAnchors: try keys.loadTrustAnchors())
            let result = TokenVerifier(keys: try keys.loadKeys(), options: options, requireCompact: true).verify(token.text)
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

    /// A member by exact name first (claim names may contain dots, e.g. URIs), else by dotted path.
    static func lookup(_ name: String, in claims: JSONValue) -> JSONValue? {
        if let value = claims[name] { return value }
        var current: JSONValue? = claims
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            if current?.kind == .array, let index = Int(part) {
                current = current?[index: index]
            } else {
                current = current?[String(part)]
            }
        }
        return current
    }

    /// Strings unquoted, everything else as compact JSON.
    static func raw(_ value: JSONValue) -> String { value.stringValue ?? value.compact }
}
