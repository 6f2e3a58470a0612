import ArgumentParser
import JWSToolKit
import DCR
import DCRClient
import Foundation
import JOSE

/// `jwstool register`: a software statement → cached client credentials.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.register.name,
        abstract: CompanionCommands.register.abstract,
        discussion: """
            The statement is verified and linted first (keys from --trust, the embedded server's statement key, or the \
            server's JWKS) and not sent while it has lint errors, unless --force. Without --server it registers with the \
            embedded server on the state directory. Exit status 0 registered, 1 the statement is invalid, 2 usage, \
            3 the server refused (with its error code) or could not be reached.
            """)

    @Argument(help: "The statement: a file, a token, or - for standard input.", completion: .file()) var statement: String
    @OptionGroup var server: ServerOptions
    @OptionGroup var state: StateOptions
    @Option(help: "A redirect URI to register (must lie within the application's domains).") var redirectURI: String?
    @Option(help: ArgumentHelp("X-Device-Info as JSON, or @FILE; default built from this host.", valueName: "json|@file")) var deviceInfo: String?
    @Option(name: .customLong("trust"), help: ArgumentHelp("A JWK Set (or key file) whose keys may sign the statement (repeatable).", valueName: "jwks"), completion: .file())
    var trustFiles: [String] = []
    @Flag(help: "Register again even when credentials for this software are cached, and send the statement even with lint errors.") var force = false
    @Flag(help: "Print the client secret too (it is always stored, owner-only, in the state directory).") var showSecret = false
    @Flag(help: "Print the registration response as JSON.") var json = false

    func run() async throws {
        let inputs = try TokenInputs.expand([statement])
        guard inputs.count == 1, let input = inputs.first else { throw CLIFailure(.usage, "\(statement): holds \(inputs.count) tokens; register takes one statement") }
        let text = input.text
        let device = try deviceInfoHeader()
        let state = self.state.state
        let (credentials, response) = try await ServerSession.run(server, state: state) { target, flow -> (CredentialStore.Credentials, JSONValue?) in
            let keys = try await trustKeys(target: target, http: flow.http)
            let softwareID = try check(text, label: input.label, keys: keys)
            // Registering is done once: the cached credentials are reused until they expire (the seeds' rule).
            if !force, let cached = flow.cachedRegistration(target, softwareID: softwareID) { return (cached, nil) }
            let (registered, response) = try await flow.register(target, statement: text, softwareID: softwareID, redirectURI: redirectURI, deviceInfo: device)
            return (registered, response)
        }
        let place = server.server ?? "the embedded server"
        if json {
            let document = response ?? .object([("client_id", .string(credentials.clientID)), ("software_id", .string(credentials.softwareID)),
                                                 ("client_secret", .string(credentials.clientSecret)), ("reused", true)])
            print((showSecret ? document : document.removing("client_secret")).pretty)
        } else {
            print("client_id: \(credentials.clientID)")
            if showSecret { print("client_secret: \(credentials.clientSecret)") }
            if response == nil {
                Terminal.note("software \(credentials.softwareID) is already registered with \(place): reusing the cached credentials (--force registers again)")
            } else {
                Terminal.note("registered software \(credentials.softwareID) with \(place); credentials cached in \(state.file(CredentialStore.fileName))")
            }
        }
    }

    /// Verifies and lints the statement; returns its software id. Refuses (exit 1) on errors unless --force.
    private func check(_ statement: String, label: String, keys: KeySet) throws -> String {
        let linter: Linter
        // A secret among the trusted keys means the issuer shares it with the registrar: HS* statements are then fine.
        let sharedSecret = keys.keys.contains { $0.type.isSymmetric }
        do { linter = try Linter(options: LintOptions(profile: .softwareStatement, keys: keys, sharedSecret: sharedSecret)) } catch {
            throw CLIFailure(.usage, error.description)
        }
        let report = linter.lint(statement)
        let errors = report.findings.filter { $0.severity == .error }
        for finding in errors { Terminal.note("error: \(finding.location): \(finding.message) [\(finding.rule.id)]") }
        if !errors.isEmpty && force { Terminal.note("jwstool: \(label): sending it anyway (--force), with \(errors.count) lint error\(errors.count == 1 ? "" : "s")") }
        if !errors.isEmpty && !force {
            throw CLIFailure(.invalid, "\(label): not sent: the statement has \(errors.count) lint error\(errors.count == 1 ? "" : "s") (see above; --force sends it anyway)")
        }
        guard let softwareID = report.token.claims.flatMap(SoftwareID.value(in:)) else {
            throw CLIFailure(.invalid, "\(label): the statement names no software (software_id or sub)")
        }
        return softwareID
    }

    /// The keys a statement may be signed with: --trust files, else the server's published JWKS. A server that
    /// publishes none (the real service documents none) gets the statement linted without keys: its signature is then
    /// checked by the server only, and a one-line notice says so.
    private func trustKeys(target: ServerTarget, http: DCRHTTPClient) async throws -> KeySet {
        if !trustFiles.isEmpty {
            var keys: [Key] = []
            for path in trustFiles { keys += try KeyLoading.keys(at: path) }
            return KeySet(keys)
        }
        let url = target.baseURL + DCRRoute.jwks.path
        let reply = try await http.send("GET", url, headers: [("Accept", "application/json")])
        guard reply.status == 200, let document = try? JSONValue.parse(reply.body), let keys = try? KeySet(jwks: document) else {
            Terminal.note("jwstool: \(url) gives no JWK Set (\(reply.status)): the statement is linted without keys and its signature is left to the server (--trust JWKS checks it here)")
            return KeySet()
        }
        return keys
    }

    /// `--device-info` as a header value; nil without it, so that the client's own (this host) is sent.
    private func deviceInfoHeader() throws -> String? {
        guard let deviceInfo else { return nil }
        let bytes = deviceInfo.hasPrefix("@") ? try Files.read(String(deviceInfo.dropFirst()), what: "device info") : Array(deviceInfo.utf8)
        guard let json = try? JSONValue.parse(bytes), json.isObject else {
            throw CLIFailure(.usage, "--device-info must be a JSON object (or @FILE holding one)")
        }
        let missing = DeviceInfo.requiredMembers.filter { json[$0]?.stringValue?.isEmpty ?? true }
        if !missing.isEmpty { throw CLIFailure(.usage, "--device-info lacks \(missing.joined(separator: ", "))") }
        return DeviceInfo.header(for: json)
    }
}
