@testable import DCR
import Foundation
import JOSE
import Synchronization
import Testing

/// The store a test's server runs on. Every DCR test that starts a server runs once per backend (its arguments
/// include ``all``): the SQLite file, and a database of its own on a real PostgreSQL server — the one
/// `$JWSTOOL_TEST_POSTGRES_URL` names (`.ci/run` starts one), else a throw-away cluster this process starts with
/// `Tools/postgres-cluster.sh` and stops when it exits.
enum TestBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite, and PostgreSQL wherever it is installed or named.
    static let all: [TestBackend] = PostgresForTests.isAvailable ? [.sqlite, .postgres] : [.sqlite]

    var testDescription: String { rawValue }

    /// The key that seals the servers' keys in the test databases (one per test process).
    static let keyEncryptionKey = try? KeyEncryptionKey(bytes: SecretGenerator.bytes(32))

    /// The store for a server over `state`: nil (the SQLite file in the state directory), or the PostgreSQL database
    /// that belongs to that state directory — created on first use, so a server restarted over the same state
    /// directory finds the same data.
    func store(for state: StateDirectory) async throws -> (any DCRStore)? {
        switch self {
        case .sqlite: return nil
        case .postgres: return try await PostgresForTests.shared.store(for: state)
        }
    }
}

/// The PostgreSQL server the tests use, and one database per state directory on it.
final class PostgresForTests: Sendable {
    static let environmentVariable = "JWSTOOL_TEST_POSTGRES_URL"
    static let shared = PostgresForTests()

    /// Whether a server is named, or one can be started here.
    static var isAvailable: Bool {
        if ProcessInfo.processInfo.environment[environmentVariable]?.isEmpty == false { return true }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }
    }

    private struct State {
        var url: DatabaseURL?
        var startedCluster: String?
    }
    private let state = Mutex(State())

    /// The server's URL, starting a throw-away cluster the first time when none is named.
    func serverURL() throws -> DatabaseURL {
        try state.withLock { state in
            if let url = state.url { return url }
            let text: String
            if let named = ProcessInfo.processInfo.environment[Self.environmentVariable], !named.isEmpty {
                text = named
            } else {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jwstool-tests-postgres-\(UUID().uuidString)").path
                text = try Self.cluster("start", directory)
                state.startedCluster = directory
                PostgresForTests.stopAtExit(directory)
            }
            let url = try DatabaseURL(text)
            state.url = url
            return url
        }
    }

    /// A store on the database of `stateDirectory` (created when missing).
    func store(for stateDirectory: StateDirectory) async throws -> PostgresStore {
        let server = try serverURL()
        let name = "dcr_" + Hex.encode(Array(stateDirectory.path.utf8)).suffix(40)
        let admin = try await PostgresForTests.administration(server)
        defer { admin.close() }
        if try await admin.rows("SELECT 1 FROM pg_database WHERE datname = $1", [.text(name)], deadline: PostgresStore.maintenanceDeadline).isEmpty {
            _ = try await admin.rows("CREATE DATABASE \(name)", deadline: PostgresStore.maintenanceDeadline)
        }
        return try await PostgresStore.connect(DatabaseURL("postgres://\(server.user)@\(server.host):\(server.port)/\(name)"),
                                               migrating: true, maximumConnections: PostgresForTests.connectionsPerStore,
                                               requestDeadline: PostgresForTests.requestDeadline)
    }

    /// Connections per test server's pool. Swift Testing runs every test case at once, so a hundred servers may be
    /// connected together: the server needs `max_connections` well above four times that (`Tools/postgres-cluster.sh`, which
    /// `.ci/run` starts, allows 1000; a server named by `$JWSTOOL_TEST_POSTGRES_URL` should too).
    static let connectionsPerStore = 4

    /// The request deadline of the tests' stores: the whole suite runs at once on two cores, where a statement can wait
    /// longer than the servers' 10 s for its turn (the deadline itself is tested on a store of its own).
    static let requestDeadline: Duration = .seconds(60)

    /// One connection to `server` for creating and dropping databases: its own database is not migrated (migrations
    /// wait on each other's lock, and the tests' databases are not there).
    static func administration(_ server: DatabaseURL) async throws -> PostgresStore {
        try await PostgresStore.connect(server, migrating: false, maximumConnections: 1)
    }

    /// `Tools/postgres-cluster.sh`, beside this package's sources.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools/postgres-cluster.sh").path

    /// Runs `Tools/postgres-cluster.sh ACTION DIRECTORY`; its output. Through `system` (fork, exec, waitpid) rather than
    /// `Process`, whose exit monitoring missed the script's exit here once its server had detached.
    static func cluster(_ action: String, _ directory: String) throws -> String {
        let output = directory + ".out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let status = system("/bin/bash '\(script)' \(action) '\(directory)' >'\(output)' 2>&1")
        let text = String(decoding: FileManager.default.contents(atPath: output) ?? Data(), as: UTF8.self)
        guard status == 0 else { throw DCRError.storage("Tools/postgres-cluster.sh \(action) failed (\(status)): \(text)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The shell command that stops the cluster this process started and removes its directory.
    private static let stopCommand = Mutex<String?>(nil)

    /// Stops the cluster when the test process exits. `system`, not `Process`: Foundation's process monitoring no
    /// longer runs while the process exits.
    private static func stopAtExit(_ directory: String) {
        stopCommand.withLock { $0 = "/bin/bash '\(script)' stop '\(directory)' >/dev/null 2>&1; rm -rf '\(directory)'" }
        atexit {
            guard let command = PostgresForTests.stopCommand.withLock({ $0 }) else { return }
            _ = system(command)
        }
    }
}
