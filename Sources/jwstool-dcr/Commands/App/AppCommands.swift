import ArgumentParser
import JWSToolKit
import DCR
import DCRClient
import JOSE

/// `jwstool app init`: make the state directory, server keys and admin token now (every command makes them when needed).
struct AppInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the state directory, the server's keys and the admin token if absent.")

    @OptionGroup var state: StateOptions

    func run() async throws {
        let directory = state.state
        do { _ = try await AuthorizationServer(ServerConfiguration(state: directory)) } catch { throw CLIFailure(error) }
        print("""
            state directory:      \(directory.path)
            statement public key: \(directory.file("statement-key.pub.jwk"))
            token public key:     \(directory.file("token-key.pub.jwk"))
            admin token:          \(directory.file(AdminToken.fileName)) (mode 0600)
            """)
    }
}

/// `jwstool app create`.
struct AppCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an application and write a fresh software statement for it (stdout without --out).")

    @OptionGroup var options: AppOptions
    @Option(help: "The application's name.") var name: String
    @Option(help: "Its version.") var version = "1.0.0"
    @Option(name: .customLong("platform"), help: ArgumentHelp("A platform (repeatable).", valueName: "platform")) var platforms: [String] = []
    @Option(name: .customLong("domain"), help: ArgumentHelp("An allowed redirect domain (repeatable).", valueName: "domain")) var domains: [String] = []
    @Option(name: .customLong("scope"), help: ArgumentHelp("A scope (repeatable).", valueName: "scope")) var scopes: [String] = []
    @Option(help: "A specific application id (a UUID); default a fresh one.") var id: String?
    @Option(help: ArgumentHelp("Write the statement here.", valueName: "file"), completion: .file()) var out: String?
    @Flag(help: "Replace an existing --out file.") var force = false

    func run() async throws {
        let request = NewApplication(name: name, version: version, platforms: platforms, domains: domains, scopes: scopes, id: id)
        let application = try await options.perform(local: { server throws(DCRError) in try await server.catalog.create(request).json },
                                                    remote: { admin throws(ClientError) in try await admin.create(request) })
        guard let applicationID = application["id"]?.stringValue else { throw CLIFailure(.remote, "the server's answer has no application id") }
        Terminal.note("created application \(applicationID) (\(application["name"]?.stringValue ?? name))")
        try StatementOutput.write(try await options.mintStatement(for: applicationID), to: out, force: force)
    }
}

/// `jwstool app list`.
struct AppListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered applications.")

    @OptionGroup var options: AppOptions
    @Flag(help: "JSON output.") var json = false

    func run() async throws {
        let answer = try await options.perform(local: { server throws(DCRError) in .object([("applications", .array(try await server.catalog.list().map(\.json)))]) },
                                               remote: { admin throws(ClientError) in try await admin.list() })
        let applications = answer["applications"]?.elements ?? []
        if json { return print(answer.pretty) }
        if applications.isEmpty { return print("no applications (create one with: jwstool app create --name NAME)") }
        for application in applications {
            let fields = ["id", "status", "version", "name"].map { application[$0]?.stringValue ?? "" }
            let domains = application["domains"]?.elements.compactMap(\.stringValue).joined(separator: ",") ?? ""
            print("\(fields[0])  \(fields[1].padding(toLength: 7, withPad: " ", startingAt: 0))  \(fields[2].padding(toLength: 8, withPad: " ", startingAt: 0))  \(fields[3])\(domains.isEmpty ? "" : "  [\(domains)]")")
        }
    }
}

/// `jwstool app show ID`.
struct AppShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one application as JSON.")

    @OptionGroup var options: AppOptions
    @Argument(help: "The application id.") var id: String

    func run() async throws {
        let id = self.id
        print(try await options.perform(local: { server throws(DCRError) in try await server.catalog.require(id).json }, remote: { admin throws(ClientError) in try await admin.show(id) }).pretty)
    }
}

/// `jwstool app statement ID`.
struct AppStatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statement", abstract: "Mint a fresh software statement for an application (older ones stay valid).")

    @OptionGroup var options: AppOptions
    @Argument(help: "The application id.") var id: String
    @Option(help: ArgumentHelp("Write the statement here.", valueName: "file"), completion: .file()) var out: String?
    @Flag(help: "Replace an existing --out file.") var force = false

    func run() async throws {
        try StatementOutput.write(try await options.mintStatement(for: id), to: out, force: force)
    }
}

/// `jwstool app revoke ID`.
struct AppRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an application: its statements and its clients' tokens stop working.")

    @OptionGroup var options: AppOptions
    @Argument(help: "The application id.") var id: String

    func run() async throws {
        let id = self.id
        let application = try await options.perform(local: { server throws(DCRError) in try await server.catalog.revoke(id).json }, remote: { admin throws(ClientError) in try await admin.revoke(id) })
        print("revoked \(application["id"]?.stringValue ?? id) (\(application["name"]?.stringValue ?? ""))")
    }
}
