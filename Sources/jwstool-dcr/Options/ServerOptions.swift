import ArgumentParser
import JWSToolKit
import DCR
import DCRClient
import DCRServer
import Foundation
import Logging

/// `--state-dir`: where the embedded server and the client cache live.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("State directory (default $JWSTOOL_STATE_DIR, $XDG_STATE_HOME/jwstool, ~/.local/state/jwstool).", valueName: "dir"), completion: .directory)
    var stateDir: String?

    var state: StateDirectory { StateDirectory.resolve(stateDir) }
}

/// `--server`: a DCR server's base URL; absent, `$JWSTOOL_SERVER`, else the embedded server on the state directory.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("server"), help: ArgumentHelp(
        "The DCR server's base URL, as the service's API reference gives it (a trailing /o is fine); default $JWSTOOL_SERVER, else the embedded server (no set-up needed).",
        valueName: "url"))
    var explicitServer: String?

    /// `--server`, else `$JWSTOOL_SERVER`; nil for the embedded server.
    var server: String? {
        explicitServer ?? ProcessInfo.processInfo.environment["JWSTOOL_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
        if let server, URLComponents(string: server)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            throw ValidationError("\(explicitServer == nil ? "$JWSTOOL_SERVER" : "--server") must be an http(s) URL, got \(server)")
        }
    }
}

extension DCRHTTPClient {
    /// The client every command uses: `User-Agent: jwstool/<version>`, this host's `X-Device-Info`, notices on stderr.
    static var commandLine: DCRHTTPClient {
        DCRHTTPClient(userAgent: "jwstool/\(ToolMain.version)", deviceInfo: HostDevice.header(version: ToolMain.version),
                      notice: { Terminal.note("jwstool: \($0)") })
    }
}

/// Runs client work against `--server`, or against the embedded server started in this process for the duration.
enum ServerSession {
    static let embeddedKey = "embedded"

    static func run<T: Sendable>(_ options: ServerOptions, state: StateDirectory, _ body: (ServerTarget, ClientFlow) async throws -> T) async throws -> T {
        let flow: ClientFlow
        do { flow = ClientFlow(store: try CredentialStore(state: state), http: .commandLine) } catch {
            throw CLIFailure(error)
        }
        if let server = options.server { return try await body(ServerTarget(baseURL: server), flow) }
        let server: AuthorizationServer
        do { server = try await AuthorizationServer(ServerConfiguration(state: state)) } catch { throw CLIFailure(error) }
        let embedded = try await EmbeddedServer.start(server, logger: Logger(label: "jwstool.embedded"))
        do {
            let result = try await body(ServerTarget(baseURL: embedded.baseURL, cacheKey: embeddedKey, name: "the embedded server"), flow)
            await embedded.stop()
            return result
        } catch {
            await embedded.stop()
            throw error
        }
    }
}
