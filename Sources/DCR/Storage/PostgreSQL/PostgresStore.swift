import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The shared store: one PostgreSQL database that several `jwstool serve` instances use at once (postgres-nio, a pool
/// of connections). Every write of a registration or token is committed before the response goes out, so another
/// instance sees it on its next request; the schema is migrated at start under an advisory lock, so instances may
/// start at the same moment.
public final class PostgresStore: DCRStore {
    public let url: DatabaseURL
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    public var location: String { url.redacted }
    public var applications: any ApplicationRepository { PostgresApplicationRepository(store: self) }
    public var clients: any ClientRepository { PostgresClientRepository(store: self) }
    public var tokens: any TokenRepository { PostgresTokenRepository(store: self) }
    public var usage: any UsageRepository { PostgresUsageRepository(store: self) }

    public var sharedSecrets: (any SharedSecretRepository)? { PostgresSharedSecretRepository(store: self) }

    /// In the database: every instance on it takes from the same buckets, one statement per request.
    public func throttle(rate: Double, burst: Double) -> any RequestThrottling { PostgresThrottle(store: self, rate: rate, burst: burst) }

    /// Connects to `url`, checks that the database answers and migrates its schema.
    /// - Parameter logger: for the pool's own events (connections failing and reconnecting); failed statements are
    ///   reported as errors of the call that ran them.
    public static func connect(_ url: DatabaseURL, logger: Logger = PostgresStore.defaultLogger) async throws(DCRError) -> PostgresStore {
        try await connect(url, logger: logger, migrating: true, maximumConnections: 16)
    }

    /// How long a request's statement may take here (``deadline`` unless a test harness under load asks for longer).
    let requestDeadline: Duration

    /// Connects to `url` with a pool of at most `maximumConnections`, migrating its schema when `migrating` (a
    /// connection that only creates or drops databases has no schema to migrate).
    static func connect(_ url: DatabaseURL, logger: Logger = PostgresStore.defaultLogger, migrating: Bool,
                        maximumConnections: Int, requestDeadline: Duration = PostgresStore.deadline) async throws(DCRError) -> PostgresStore {
        let store = PostgresStore(url: url, logger: logger, maximumConnections: maximumConnections, requestDeadline: requestDeadline)
        do throws(DCRError) {
            try await store.probe()
            if migrating { try await PostgresSchema.migrate(store) }
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Logs the pool's errors only (its warnings include one for the first query racing the pool's start).
    public static var defaultLogger: Logger {
        var logger = Logger(label: "jwstool.postgres")
        logger.logLevel = .error
        return logger
    }

    private init(url: DatabaseURL, logger: Logger, maximumConnections: Int, requestDeadline: Duration) {
        let tls: PostgresClient.Configuration.TLS = switch url.tls {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                         database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.url = url
        self.client = client
        self.logger = logger
        self.requestDeadline = requestDeadline
        running = Task { await client.run() }
    }

    /// Connects once outside the pool, so that an unreachable server, a refused login or a missing database is an
    /// error naming its cause within seconds — the pool itself keeps retrying, which suits a running server, not a start.
    private func probe() async throws(DCRError) {
        do {
            let tls: PostgresConnection.Configuration.TLS = switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                                 database: url.database, tls: tls)
            configuration.options.connectTimeout = .seconds(5)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw failure(error)
        }
    }

    /// Closes the connections; the store is unusable afterwards.
    public func close() {
        running.cancel()
    }

    deinit { running.cancel() }

    /// How long a request's statement or transaction may take, waiting for a connection included: past it the request
    /// fails (503 with `Retry-After`) instead of waiting on a database that does not answer — the pool itself would
    /// wait for a connection for ever.
    public static let deadline: Duration = .seconds(10)
    /// The same for work no request waits on and that may take longer: migrations, pruning. (A usage batch keeps the
    /// request deadline: the last one is written while the server stops, which must not wait minutes for a database
    /// that is gone.)
    public static let maintenanceDeadline: Duration = .seconds(300)

    /// Runs one statement and returns its rows.
    func rows(_ sql: String, _ values: [SQLValue] = [], deadline: Duration? = nil) async throws(DCRError) -> [PostgresRow] {
        let query = PostgresStore.query(sql, values)
        return try await withinDeadline(deadline ?? requestDeadline) { [client, logger] in try await client.query(query, logger: logger).collect() }
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(deadline: Duration? = nil,
                                  _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(DCRError) -> T {
        try await withinDeadline(deadline ?? requestDeadline) { [client, logger] in
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    private struct DeadlinePassed: Error {}

    /// `operation`, cancelled when `deadline` passes first.
    private func withinDeadline<T: Sendable>(_ deadline: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws(DCRError) -> T {
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    throw DeadlinePassed()
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw DeadlinePassed() }
                return first
            }
        } catch is DeadlinePassed {
            logger.error("PostgreSQL did not answer in time", metadata: ["database": "\(url.redacted)"])
            throw DCRError.unavailable("PostgreSQL at \(url.redacted) did not answer within \(deadline)", retryAfter: 5)
        } catch {
            throw failure(error)
        }
    }

    /// Runs one statement on `connection` (inside ``transaction(_:)``) and returns its rows.
    func rows(_ sql: String, _ values: [SQLValue] = [], on connection: PostgresConnection) async throws -> [PostgresRow] {
        try await connection.query(PostgresStore.query(sql, values), logger: logger).collect()
    }

    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(storable(text))
            case .null: bindings.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// `text` as PostgreSQL can hold it: NUL, which no stored value has (ids, names and secrets with control
    /// characters are refused before they get here), replaced so that a lookup with one can only fail to match.
    static func storable(_ text: String) -> String {
        text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
    }

    /// What went wrong, in words, with the server's own message — never the password, never the statement's values.
    func failure(_ error: any Error) -> DCRError {
        if let error = error as? DCRError { return error }
        return DCRError.storage("PostgreSQL at \(url.redacted): \(PostgresStore.describe(error))")
    }

    static func describe(_ error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError
            return inner.map(describe) ?? "the transaction failed"
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        switch error.code {
        case .connectionError: return "cannot connect" + (error.underlying.map { " (\($0))" } ?? "")
        case .serverClosedConnection, .clientClosedConnection, .poolClosed: return "the connection closed"
        case .sslUnsupported: return "the server does not offer TLS (add ?sslmode=disable to connect without)"
        default: return "\(error.code)" + (error.underlying.map { " (\($0))" } ?? "")
        }
    }
}

extension PostgresStore {
    /// The one number a `SELECT COUNT(*)` returns.
    func count(_ sql: String, _ values: [SQLValue] = []) async throws(DCRError) -> Int {
        let rows = try await rows(sql, values)
        do { return Int(try rows.first?.decode(Int64.self) ?? 0) } catch { throw failure(error) }
    }
}
