import ArgumentParser
import JWSToolKit
import DCRClient
import JOSE

/// `jwstool token`: a valid access token from the cached credentials.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.token.name,
        abstract: CompanionCommands.token.abstract,
        discussion: """
            Uses the credentials cached by jwstool register. When they have expired, or the server answers invalid_client, \
            the statement kept with them is registered once more (said on stderr) and the cache updated.
            """)

    @OptionGroup var server: ServerOptions
    @OptionGroup var state: StateOptions
    @Option(help: "Which registration: by software id.") var softwareId: String?
    @Option(help: "Which registration: by client id.") var clientId: String?
    @Flag(help: "Fetch a fresh token even if the cached one is still valid.") var refresh = false
    @Flag(help: "Print {\"access_token\", \"token_type\", \"expires_in\", \"scope\"} as one JSON line instead of the bare token.") var json = false

    func run() async throws {
        let token = try await ServerSession.run(server, state: state.state) { target, flow in
            let credentials = try flow.credentials(target, softwareID: softwareId, clientID: clientId)
            return try await flow.accessToken(target, credentials: credentials, refresh: refresh).token
        }
        guard json else { return print(token.value) }
        var members: [(String, JSONValue)] = [
            ("access_token", .string(token.value)), ("token_type", "bearer"),
            ("expires_in", .integer(Int64(max(0, (token.expiresAt - NumericDate.now.secondsSinceEpoch).rounded(.down))))),
        ]
        if let scope = token.scope { members.append(("scope", .string(scope))) }
        print(JSONValue.object(members).compact)
    }
}
