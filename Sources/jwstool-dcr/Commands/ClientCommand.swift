import ArgumentParser
import DCR
import DCRClient
import JOSE
import JWSToolKit

/// `jwstool client show|update|delete`: RFC 7592 client configuration of a cached registration, with the registration
/// access token the server gave at registration (kept in the credential cache).
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.client.name,
        abstract: CompanionCommands.client.abstract,
        discussion: """
            Works with servers that gave the registration a registration access token (RFC 7592): jwstool serve with \
            --profile rfc or --client-configuration. The registration is chosen like jwstool token chooses it.
            """,
        subcommands: [ClientShowCommand.self, ClientUpdateCommand.self, ClientDeleteCommand.self])
}

/// Which cached registration, on which server.
struct ClientSelection: ParsableArguments {
    @OptionGroup var server: ServerOptions
    @OptionGroup var state: StateOptions
    @Option(help: "Which registration: by software id.") var softwareId: String?
    @Option(help: "Which registration: by client id.") var clientId: String?

    /// Runs `body` with the chosen registration's credentials.
    func run<T: Sendable>(_ body: (ServerTarget, ClientFlow, CredentialStore.Credentials) async throws -> T) async throws -> T {
        try await ServerSession.run(server, state: state.state) { target, flow in
            try await body(target, flow, try flow.credentials(target, softwareID: softwareId, clientID: clientId))
        }
    }
}

/// Prints a client information response (RFC 7592 §3) with its registration access token redacted unless asked for.
enum ClientInformation {
    static func print(_ answer: JSONValue, showToken: Bool) {
        let shown = showToken ? answer : answer.setting("registration_access_token", to: "(kept in the credential cache; --show-token prints it)")
        Swift.print(shown.pretty)
    }
}

/// `jwstool client show`.
struct ClientShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the registration as the server holds it now (RFC 7592 GET).")

    @OptionGroup var selection: ClientSelection
    @Flag(help: "Print the registration access token too (a credential: it updates and deletes the registration).") var showToken = false

    func run() async throws {
        let answer = try await selection.run { _, flow, credentials in try await flow.readRegistration(credentials) }
        ClientInformation.print(answer, showToken: showToken)
    }
}

/// `jwstool client update`.
struct ClientUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Replace the registration's metadata (RFC 7592 PUT); the server checks it like a registration and issues a new registration access token.",
        discussion: """
            What is not given is sent as the server holds it now. The software statement stays authoritative: its values \
            win over the request's (RFC 7591 §2.3).
            """)

    @OptionGroup var selection: ClientSelection
    @Option(name: .customLong("redirect-uri"), help: ArgumentHelp("A redirect URI (repeatable); replaces the current ones.", valueName: "uri"))
    var redirectURIs: [String] = []
    @Option(help: ArgumentHelp("A newer software statement for the same software (a file, or - for stdin).", valueName: "file"), completion: .file())
    var statement: String?
    @Flag(help: "Print the new registration access token too.") var showToken = false

    func run() async throws {
        let statementText = try statement.map { String(decoding: try Files.read($0, what: "statement"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        let redirectURIs = self.redirectURIs
        let answer = try await selection.run { target, flow, credentials in
            let current = try await flow.readRegistration(credentials)
            var metadata: [(String, JSONValue)] = []
            for name in ["redirect_uris", "grant_types", "token_endpoint_auth_method", "software_id", "software_version", "scope"] {
                if let value = current[name] { metadata.append((name, value)) }
            }
            if !redirectURIs.isEmpty {
                metadata.removeAll { $0.0 == "redirect_uris" }
                metadata.append(("redirect_uris", .array(redirectURIs.map(JSONValue.string))))
            }
            if let statementText { metadata.append(("software_statement", .string(statementText))) }
            return try await flow.updateRegistration(target, credentials, metadata: metadata)
        }
        Terminal.note("updated; the new registration access token is in the credential cache")
        ClientInformation.print(answer, showToken: showToken)
    }
}

/// `jwstool client delete`.
struct ClientDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete the registration at the server (RFC 7592 DELETE) and from the cache; its credentials and tokens stop working.")

    @OptionGroup var selection: ClientSelection

    func run() async throws {
        let clientID = try await selection.run { target, flow, credentials in
            try await flow.deleteRegistration(target, credentials)
            return credentials.clientID
        }
        Terminal.note("deleted client \(clientID) at the server and from the credential cache")
    }
}
