import JOSE
import GRDB

/// The usage tables: what the reports read, aggregated as requests are recorded so that a report costs what it
/// returns, not what was recorded.
/// - `usage_rollup`: per minute, hour and day, one row per combination of every other dimension, with the summable
///   counts. Any report can be answered from it.
/// - `usage_totals`: per minute, hour, day, month and year, one row for all applications (`application_id` empty)
///   and one per application, with the counts and the number of distinct active clients — a time-only report reads
///   exactly its result rows here.
/// - `usage_active`: which clients were active in each of those periods, so `active_clients` counts each once.
extension DCRDatabase {
    /// The levels `usage_rollup` keeps; `usage_totals` keeps every ``TimeLevel``.
    static let rollupLevels: [TimeLevel] = [.minute, .hour, .day]

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

    /// Adds pending counts to the usage tables in one transaction.
    func addUsage(_ batch: [UsageKey: UsageCounters]) throws(DCRError) {
        try write { db in try DCRDatabase.add(batch, in: db) }
    }

    /// Deletes the usage of every period that ended before `time`.
    func pruneUsage(before time: Double) throws(DCRError) {
        guard time.isFinite else { return }
        let cutoff = Int64(min(max(time, Double(CalendarFields.range.lowerBound)), Double(CalendarFields.range.upperBound)))
        try write { db in
            for level in TimeLevel.allCases {
                let start = level.start(containing: cutoff)
                for table in ["usage_rollup", "usage_totals", "usage_active"] where table != "usage_rollup" || DCRDatabase.rollupLevels.contains(level) {
                    try db.execute(sql: "DELETE FROM \(table) WHERE level = ? AND bucket < ?", arguments: [level.rawValue, start])
                }
            }
        }
    }

    /// How many rows `usage_rollup` holds at `level`.
    func usageRows(at level: TimeLevel) throws(DCRError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_rollup WHERE level = ?", arguments: [level.rawValue]) ?? 0 }
    }

    /// Adds `batch` within a transaction: the counts are first summed per row of each table, so a batch writes each
    /// row once.
    static func add(_ batch: [UsageKey: UsageCounters], in db: Database) throws {
        struct Total: Hashable { var level: TimeLevel; var bucket: Int64; var applicationID: String }
        struct Active: Hashable { var total: Total; var clientID: String }
        var rollup: [UsageKey: [TimeLevel: UsageCounters]] = [:]
        var totals: [Total: UsageCounters] = [:]
        var active: Set<Active> = []
        for (key, counts) in batch {
            for level in rollupLevels {
                var coarser = key
                coarser.minute = level.start(containing: key.minute)
                rollup[coarser, default: [:]][level, default: UsageCounters()] += counts
            }
            for level in TimeLevel.allCases {
                let bucket = level.start(containing: key.minute)
                for application in key.applicationID.isEmpty ? [""] : ["", key.applicationID] {
                    let total = Total(level: level, bucket: bucket, applicationID: application)
                    totals[total, default: UsageCounters()] += counts
                    if !key.clientID.isEmpty { active.insert(Active(total: total, clientID: key.clientID)) }
                }
            }
        }
        let sums = UsageCounters.columns.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", ")
        let counters = UsageCounters.columns.joined(separator: ", ")
        let addRollup = try db.cachedStatement(sql: """
            INSERT INTO usage_rollup (level, bucket, year, month, day, hour, minute, endpoint, method, status, client_id,
                                      application_id, application_name, platform, \(counters))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (level, bucket, endpoint, method, status, client_id, application_id, application_name, platform) DO UPDATE SET \(sums)
            """)
        for (key, levels) in rollup {
            let fields = CalendarFields(epochSeconds: key.minute)
            for (level, counts) in levels {
                let values: [any DatabaseValueConvertible] = [
                    level.rawValue, key.minute, fields.year, fields.month, fields.day, fields.hour, fields.minute, key.endpoint, key.method,
                    key.status, key.clientID, key.applicationID, key.applicationName, key.platform]
                try addRollup.execute(arguments: StatementArguments((values + counts.values.map { $0 as any DatabaseValueConvertible }).map(\.databaseValue)))
            }
        }
        let addTotal = try db.cachedStatement(sql: """
            INSERT INTO usage_totals (level, bucket, application_id, year, month, day, hour, minute, \(counters), active_clients)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (level, application_id, bucket) DO UPDATE SET \(sums)
            """)
        for (total, counts) in totals {
            let fields = CalendarFields(epochSeconds: total.bucket)
            let values: [any DatabaseValueConvertible] = [
                total.level.rawValue, total.bucket, total.applicationID, fields.year, fields.month, fields.day, fields.hour, fields.minute]
            try addTotal.execute(arguments: StatementArguments((values + counts.values.map { $0 as any DatabaseValueConvertible }).map(\.databaseValue)))
        }
        let addActive = try db.cachedStatement(sql: "INSERT OR IGNORE INTO usage_active (level, bucket, application_id, client_id) VALUES (?, ?, ?, ?)")
        let countActive = try db.cachedStatement(sql: "UPDATE usage_totals SET active_clients = active_clients + 1 WHERE level = ? AND application_id = ? AND bucket = ?")
        for entry in active {
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
                try add(batch, in: db)
                batch = [:]
            }
        }
        try add(batch, in: db)
        try db.execute(sql: "DROP TABLE usage_events")
    }
}
