import ArgumentParser
import JWSToolKit
import DCR
import DCRClient
import Foundation
import JOSE

/// `jwstool app …`: the dashboard — registered applications and their software statements.
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: CompanionCommands.app.name,
        abstract: CompanionCommands.app.abstract,
        discussion: """
            With no --server these act on the embedded server's state directory; with --server URL they use its admin \
            API, authenticated by --admin-token-file FILE (the server's admin-token file) or $JWSTOOL_ADMIN_TOKEN; \
            --admin-token TOKEN works too, but any local user can read it from the process list.
            """,
        subcommands: [AppInitCommand.self, AppCreateCommand.self, AppListCommand.self, AppShowCommand.self, AppStatementCommand.self, AppRevokeCommand.self,
                      AppKeysCommand.self])
}

/// Where `app` commands act: the local state directory, or a server's admin API.
struct AppOptions: ParsableArguments {
    @OptionGroup var state: StateOptions
    @OptionGroup var target: ServerOptions
    @Option(help: ArgumentHelp("A file holding the server's admin token (its state directory's admin-token file).", valueName: "file"), completion: .file())
    var adminTokenFile: String?
    @Option(help: ArgumentHelp("The server's admin token; visible to other local users in `ps`, prefer --admin-token-file or $JWSTOOL_ADMIN_TOKEN.", valueName: "token"))
    var adminToken: String?

    /// The admin token from --admin-token-file, $JWSTOOL_ADMIN_TOKEN or --admin-token (with a warning: argv is public).
    func resolvedAdminToken() throws -> String? {
        if let adminTokenFile {
            let token = String(decoding: try Files.read(adminTokenFile, what: "admin token file"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw CLIFailure(.usage, "admin token file \(adminTokenFile): is empty") }
            return token
        }
        if let adminToken, !adminToken.isEmpty {
            Terminal.note("jwstool: warning: --admin-token is visible to every local user in the process list; use --admin-token-file or $JWSTOOL_ADMIN_TOKEN")
            return adminToken
        }
        return ProcessInfo.processInfo.environment["JWSTOOL_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `local` on a server over this state directory, or `remote` through the server's admin API.
    func perform(local: (AuthorizationServer) async throws(DCRError) -> JSONValue,
                 remote: (AdminClient) async throws(ClientError) -> JSONValue) async throws -> JSONValue {
        guard let server = target.server else {
            do {
                let authorization = try await AuthorizationServer(ServerConfiguration(state: state.state))
                return try await local(authorization)
            } catch { throw CLIFailure(error) }
        }
        guard let token = try resolvedAdminToken() else {
            throw CLIFailure(.usage, "--server needs the admin token: --admin-token-file FILE (the server's admin-token file) or $JWSTOOL_ADMIN_TOKEN")
        }
        return try await remote(AdminClient(baseURL: ServerTarget(baseURL: server).baseURL, token: token, http: .commandLine))
    }
}

extension AppOptions {
    /// A fresh statement for application `id`, minted locally or by the server's admin API.
    func mintStatement(for id: String) async throws -> String {
        let minted = try await perform(local: { server throws(DCRError) in .object([("software_statement", .string(try await server.catalog.mintStatement(for: id)))]) },
                                       remote: { admin throws(ClientError) in try await admin.mintStatement(for: id) })
        guard let statement = minted["software_statement"]?.stringValue else { throw CLIFailure(.remote, "the server's answer has no software_statement") }
        return statement
    }
}

/// Writes a statement to `--out` (never over an existing file unless --force) or stdout.
enum StatementOutput {
    static func write(_ statement: String, to path: String?, force: Bool) throws {
        guard let path else { return print(statement) }
        try Files.write(Array((statement + "\n").utf8), to: path, mode: Files.publicMode, overwrite: force)
        Terminal.note("statement written to \(path)")
    }
}
