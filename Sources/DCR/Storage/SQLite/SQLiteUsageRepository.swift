import GRDB
import JOSE

/// The usage aggregates in three tables (``UsageBatch`` says what each holds): `usage_rollup`, `usage_totals` and
/// `usage_active`.
struct SQLiteUsageRepository: UsageRepository {
    let store: SQLiteStore

    static let usageSchema = """
        CREATE TABLE usage_rollup (
            level INTEGER NOT NULL, bucket INTEGER NOT NULL,
            year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL, minute INTEGER NOT NULL,
            endpoint TEXT NOT NULL, method TEXT NOT NULL, status INTEGER NOT NULL,
            client_id TEXT NOT NULL, application_id TEXT NOT NULL, application_name TEXT NOT NULL, platform TEXT NOT NULL,
            requests INTEGER NOT NULL, registrations INTEGER NOT NULL, tokens_issued INTEGER NOT NULL,
            throttled INTEGER NOT NULL, failed_attempts INTEGER NOT NULL,
            PRIMARY KEY (level, bucket, endpoint, method, status, client_id, application_id, application_name, platform)
        ) WITHOUT ROWID;
        CREATE TABLE usage_totals (
            level INTEGER NOT NULL, bucket INTEGER NOT NULL, application_id TEXT NOT NULL,
            year INTEGER NOT NULL, month INTEGER NOT NULL, day INTEGER NOT NULL, hour INTEGER NOT NULL, minute INTEGER NOT NULL,
            requests INTEGER NOT NULL, registrations INTEGER NOT NULL, tokens_issued INTEGER NOT NULL,
            throttled INTEGER NOT NULL, failed_attempts INTEGER NOT NULL, active_clients INTEGER NOT NULL,
            PRIMARY KEY (level, application_id, bucket)
        ) WITHOUT ROWID;
        CREATE TABLE usage_active (
            level INTEGER NOT NULL, bucket INTEGER NOT NULL, application_id TEXT NOT NULL, client_id TEXT NOT NULL,
            PRIMARY KEY (level, bucket, application_id, client_id)
        ) WITHOUT ROWID;
        """

    func add(_ batch: [UsageKey: UsageCounters]) async throws(DCRError) {
        let rows = UsageBatch(batch)
        try await store.write { db in try SQLiteUsageRepository.add(rows, in: db) }
    }

    func prune(before time: Double) async throws(DCRError) {
        let deletions = UsagePruning(before: time).deletions
        try await store.write { db in
            for deletion in deletions {
                try db.execute(sql: "DELETE FROM \(deletion.table) WHERE level = ? AND bucket < ?",
                               arguments: [deletion.level.rawValue, deletion.bucketsBefore])
            }
        }
    }

    func rows(at level: TimeLevel) async throws(DCRError) -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_rollup WHERE level = ?", arguments: [level.rawValue]) ?? 0 }
    }

    func report(_ plan: ReportPlan) async throws(DCRError) -> [ReportEngine.Row] {
        let statement = ReportSQL(plan) { _ in "?" }
        let arguments = StatementArguments(statement.arguments.map(\.databaseValue))
        let projection = plan.projection
        let metrics = plan.metrics
        return try await store.read { db in
            // Report SQL varies with the plan's shape only (values are arguments), so compiled statements are reused.
            try Row.fetchAll(db.cachedStatement(sql: statement.text), arguments: arguments).map { row in
                // An aggregate over no rows (a report without grouping over an empty window) is one row of NULL sums.
                ReportEngine.Row(
                    dimensions: projection.indices.map { index in
                        let value: DatabaseValue = row[index]
                        return switch value.storage {
                        case .int64(let number): (projection[index], String(number))
                        case .string(let text): (projection[index], text)
                        default: (projection[index], "")
                        }
                    },
                    metrics: metrics.indices.map { (metrics[$0], (row[projection.count + $0] as Int64?) ?? 0) })
            }
        }
    }

    /// Writes `batch` within the caller's transaction, each row once.
    static func add(_ batch: UsageBatch, in db: Database) throws {
        let sums = UsageCounters.columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", ")
        let counters = UsageCounters.columns.joined(separator: ", ")
        let addRollup = try db.cachedStatement(sql: """
            INSERT INTO usage_rollup (level, bucket, year, month, day, hour, minute, endpoint, method, status, client_id,
                                      application_id, application_name, platform, \(counters))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (level, bucket, endpoint, method, status, client_id, application_id, application_name, platform) DO UPDATE SET \(sums)
            """)
        for (row, counts) in batch.rollup {
            let key = row.key
            let fields = CalendarFields(epochSeconds: key.minute)
            let values: [any DatabaseValueConvertible] = [
                row.level.rawValue, key.minute, fields.year, fields.month, fields.day, fields.hour, fields.minute, key.endpoint, key.method,
                key.status, key.clientID, key.applicationID, key.applicationName, key.platform]
            try addRollup.execute(arguments: StatementArguments((values + counts.values.map { $0 as any DatabaseValueConvertible }).map(\.databaseValue)))
        }
        let addTotal = try db.cachedStatement(sql: """
            INSERT INTO usage_totals (level, bucket, application_id, year, month, day, hour, minute, \(counters), active_clients)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (level, application_id, bucket) DO UPDATE SET \(sums)
            """)
        for (total, counts) in batch.totals {
            let fields = CalendarFields(epochSeconds: total.bucket)
            let values: [any DatabaseValueConvertible] = [
                total.level.rawValue, total.bucket, total.applicationID, fields.year, fields.month, fields.day, fields.hour, fields.minute]
            try addTotal.execute(arguments: StatementArguments((values + counts.values.map { $0 as any DatabaseValueConvertible }).map(\.databaseValue)))
        }
        let addActive = try db.cachedStatement(sql: "INSERT OR IGNORE INTO usage_active (level, bucket, application_id, client_id) VALUES (?, ?, ?, ?)")
        let countActive = try db.cachedStatement(sql: "UPDATE usage_totals SET active_clients = active_clients + 1 WHERE level = ? AND application_id = ? AND bucket = ?")
        for entry in batch.active {
            let total = entry.total
            try addActive.execute(arguments: [total.level.rawValue, total.bucket, total.applicationID, entry.clientID])
            if db.changesCount > 0 { try countActive.execute(arguments: [total.level.rawValue, total.applicationID, total.bucket]) }
        }
    }

    /// Migration v3: the usage events of v1–v2 (one row per request, or per minute for anonymous ones, with a
    /// `count`) become aggregates, summed through the same path as live recording, and their table is dropped.
    static func aggregateUsageEvents(_ db: Database) throws {
        try db.execute(sql: usageSchema)
        var batch: [UsageKey: UsageCounters] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT time, endpoint, method, status, client_id, application_id, application_name, platform, count FROM usage_events
            """)
        while let row = try rows.next() {
            let event = UsageEvent(time: row["time"], endpoint: row["endpoint"], method: row["method"], status: row["status"],
                                   clientID: row["client_id"], applicationID: row["application_id"],
                                   applicationName: row["application_name"], platform: row["platform"])
            batch[UsageKey(event), default: UsageCounters()] += UsageCounters(event).times(row["count"])
            if batch.count >= 10_000 {
                try add(UsageBatch(batch), in: db)
                batch = [:]
            }
        }
        try add(UsageBatch(batch), in: db)
        try db.execute(sql: "DROP TABLE usage_events")
    }
}
