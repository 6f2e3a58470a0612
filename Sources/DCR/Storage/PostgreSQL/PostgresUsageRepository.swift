import JOSE
import PostgresNIO

/// The usage aggregates in `usage_rollup`, `usage_totals` and `usage_active` (``UsageBatch`` says what each holds).
/// A batch is three statements in one transaction, each inserting or adding to all its rows at once (`unnest` of
/// arrays), in key order so that two instances flushing at the same moment lock rows in the same order.
struct PostgresUsageRepository: UsageRepository {
    let store: PostgresStore

    func add(_ batch: [UsageKey: UsageCounters]) async throws(DCRError) {
        let rows = UsageBatch(batch)
        let rollup = rows.rollup.sorted { Self.order($0.key).lexicographicallyPrecedes(Self.order($1.key)) }
        let totals = rows.totals.sorted { ($0.key.level.rawValue, $0.key.applicationID, $0.key.bucket) < ($1.key.level.rawValue, $1.key.applicationID, $1.key.bucket) }
        let active = rows.active.sorted {
            ($0.total.level.rawValue, $0.total.bucket, $0.total.applicationID, $0.clientID) < ($1.total.level.rawValue, $1.total.bucket, $1.total.applicationID, $1.clientID)
        }
        let counters = UsageCounters.columns.joined(separator: ", ")
        try await store.transaction { connection in
            if !rollup.isEmpty {
                var bindings = PostgresBindings()
                let fields = rollup.map { CalendarFields(epochSeconds: $0.key.key.minute) }
                bindings.append(rollup.map { Int64($0.key.level.rawValue) })
                bindings.append(rollup.map(\.key.key.minute))
                Self.appendFields(fields, to: &bindings)
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.endpoint) })
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.method) })
                bindings.append(rollup.map { Int64($0.key.key.status) })
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.clientID) })
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.applicationID) })
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.applicationName) })
                bindings.append(rollup.map { PostgresStore.storable($0.key.key.platform) })
                Self.appendCounts(rollup.map(\.value), to: &bindings)
                try await connection.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO usage_rollup (level, bucket, year, month, day, hour, minute, endpoint, method, status, client_id,
                                              application_id, application_name, platform, \(counters))
                    SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[],
                                         $8::text[], $9::text[], $10::int8[], $11::text[], $12::text[], $13::text[], $14::text[],
                                         $15::int8[], $16::int8[], $17::int8[], $18::int8[], $19::int8[])
                    ON CONFLICT (level, bucket, endpoint, method, status, client_id, application_id, application_name, platform)
                    DO UPDATE SET \(Self.sums("usage_rollup"))
                    """, binds: bindings), logger: store.logger)
            }
            if !totals.isEmpty {
                var bindings = PostgresBindings()
                bindings.append(totals.map { Int64($0.key.level.rawValue) })
                bindings.append(totals.map(\.key.bucket))
                bindings.append(totals.map { PostgresStore.storable($0.key.applicationID) })
                Self.appendFields(totals.map { CalendarFields(epochSeconds: $0.key.bucket) }, to: &bindings)
                Self.appendCounts(totals.map(\.value), to: &bindings)
                try await connection.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO usage_totals (level, bucket, application_id, year, month, day, hour, minute, \(counters), active_clients)
                    SELECT *, 0 FROM unnest($1::int8[], $2::int8[], $3::text[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[],
                                            $9::int8[], $10::int8[], $11::int8[], $12::int8[], $13::int8[])
                    ON CONFLICT (level, application_id, bucket) DO UPDATE SET \(Self.sums("usage_totals"))
                    """, binds: bindings), logger: store.logger)
            }
            if !active.isEmpty {
                // A client counts once per period: only the pairs this statement adds raise `active_clients`.
                var bindings = PostgresBindings()
                bindings.append(active.map { Int64($0.total.level.rawValue) })
                bindings.append(active.map(\.total.bucket))
                bindings.append(active.map { PostgresStore.storable($0.total.applicationID) })
                bindings.append(active.map { PostgresStore.storable($0.clientID) })
                try await connection.query(PostgresQuery(unsafeSQL: """
                    WITH added AS (
                        INSERT INTO usage_active (level, bucket, application_id, client_id)
                        SELECT * FROM unnest($1::int8[], $2::int8[], $3::text[], $4::text[])
                        ON CONFLICT DO NOTHING RETURNING level, bucket, application_id),
                    counted AS (SELECT level, bucket, application_id, COUNT(*) AS clients FROM added GROUP BY level, bucket, application_id)
                    UPDATE usage_totals t SET active_clients = t.active_clients + counted.clients FROM counted
                    WHERE t.level = counted.level AND t.bucket = counted.bucket AND t.application_id = counted.application_id
                    """, binds: bindings), logger: store.logger)
            }
        }
    }

    func prune(before time: Double) async throws(DCRError) {
        let deletions = UsagePruning(before: time).deletions
        try await store.transaction(deadline: PostgresStore.maintenanceDeadline) { connection in
            for deletion in deletions {
                _ = try await store.rows("DELETE FROM \(deletion.table) WHERE level = $1 AND bucket < $2",
                                         [.integer(Int64(deletion.level.rawValue)), .integer(deletion.bucketsBefore)], on: connection)
            }
        }
    }

    func rows(at level: TimeLevel) async throws(DCRError) -> Int {
        try await store.count("SELECT COUNT(*) FROM usage_rollup WHERE level = $1", [.integer(Int64(level.rawValue))])
    }

    func report(_ plan: ReportPlan) async throws(DCRError) -> [ReportEngine.Row] {
        let statement = ReportSQL(plan) { "$\($0)" }
        let rows = try await store.rows(statement.text, statement.arguments)
        let projection = plan.projection
        let metrics = plan.metrics
        do {
            return try rows.map { row in
                let cells = Array(row)
                // An aggregate over no rows (a report without grouping over an empty window) is one row of NULL sums.
                return ReportEngine.Row(
                    dimensions: try projection.indices.map { index in
                        let cell = cells[index]
                        let text = switch cell.dataType {
                        case .int2, .int4, .int8: try cell.decode(Int64?.self).map(String.init) ?? ""
                        default: try cell.decode(String?.self) ?? ""
                        }
                        return (projection[index], text)
                    },
                    metrics: try metrics.indices.map { (metrics[$0], try cells[projection.count + $0].decode(Int64?.self) ?? 0) })
            }
        } catch {
            throw store.failure(error)
        }
    }

    /// `requests = TABLE.requests + excluded.requests, …` for each counter.
    private static func sums(_ table: String) -> String {
        UsageCounters.columns.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
    }

    /// Year, month, day, hour and minute as five array parameters.
    private static func appendFields(_ fields: [CalendarFields], to bindings: inout PostgresBindings) {
        bindings.append(fields.map(\.year))
        bindings.append(fields.map(\.month))
        bindings.append(fields.map(\.day))
        bindings.append(fields.map(\.hour))
        bindings.append(fields.map(\.minute))
    }

    /// The counters, in ``UsageCounters/columns`` order, as five array parameters.
    private static func appendCounts(_ counts: [UsageCounters], to bindings: inout PostgresBindings) {
        for column in UsageCounters.columns.indices { bindings.append(counts.map { $0.values[column] }) }
    }

    /// A rollup row's primary key, for sorting.
    private static func order(_ row: UsageBatch.Rollup) -> [String] {
        let key = row.key
        return [String(row.level.rawValue), String(key.minute), key.endpoint, key.method, String(key.status), key.clientID, key.applicationID,
                key.applicationName, key.platform]
    }
}
