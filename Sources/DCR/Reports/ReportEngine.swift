import GRDB
import JOSE

/// Runs usage reports over the usage tables (``DCRDatabase/usageSchema``). A report whose grouping is a run of time
/// dimensions from `year` down (`year/month/day`) and has no filters reads its result rows from `usage_totals`; any
/// other reads `usage_rollup` at the coarsest level that its dimensions and time bounds allow.
public struct ReportEngine: Sendable {
    /// One result row: dimension values (text, time values unpadded) and metric values.
    public struct Row: Sendable {
        public let dimensions: [(ReportDimension, String)]
        public let metrics: [(ReportMetric, Int64)]
    }

    let database: DCRDatabase
    let usage: UsageLog

    public init(database: DCRDatabase, usage: UsageLog) {
        self.database = database
        self.usage = usage
    }

    /// Runs `query` over the usage `scope` may see, after writing what is pending.
    public func run(_ query: ReportQuery, scope: ReportScope) throws(DCRError) -> [Row] {
        try usage.flush()
        // Nothing is recorded after now, so an end at or past it bounds nothing: any period then fits at the end.
        let endsAfterData = Double(query.end) >= NumericDate.now.secondsSinceEpoch.rounded(.down)
        func fits(_ level: TimeLevel) -> Bool { level.isBoundary(query.start) && (endsAfterData || level.isBoundary(query.end)) }
        let applicationID: String? = switch scope {
        case .allApplications: nil
        case .application(let id): id
        }
        if query.include.isEmpty, query.exclude.isEmpty {
            if let level = query.finestTime, Set(query.projection) == Set(TimeLevel.allCases.filter { $0 >= level }.map(ReportDimension.time)),
               fits(level) {
                return try totals(query, level: level, applicationID: applicationID ?? "")
            }
            if query.projection.isEmpty, let level = TimeLevel.allCases.reversed().first(where: fits) {
                return try total(query, level: level, applicationID: applicationID ?? "")
            }
        }
        let finest = min(query.finestTime ?? .day, .day)
        let level = DCRDatabase.rollupLevels.filter { $0 <= finest }.reversed().first(where: fits) ?? .minute
        return try rollup(query, level: level, applicationID: applicationID)
    }

    private func totals(_ query: ReportQuery, level: TimeLevel, applicationID: String) throws(DCRError) -> [Row] {
        let columns = query.projection.map(\.column) + query.metrics.map(\.column)
        let order = query.projection.map(\.column).joined(separator: ", ")
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM usage_totals
            WHERE level = ? AND application_id = ? AND bucket >= ? AND bucket < ? ORDER BY \(order) LIMIT ?
            """
        return try fetch(sql, [level.rawValue, applicationID, query.start, query.end, query.limit], query)
    }

    /// The report without dimensions over a window of whole periods of `level`: the periods' sums, and the distinct
    /// clients active in any of them.
    private func total(_ query: ReportQuery, level: TimeLevel, applicationID: String) throws(DCRError) -> [Row] {
        let window = "level = ? AND application_id = ? AND bucket >= ? AND bucket < ?"
        let columns = query.metrics.map {
            $0 == .activeClients ? "(SELECT COUNT(DISTINCT client_id) FROM usage_active WHERE \(window))" : "SUM(\($0.column))"
        }
        let arguments: [any DatabaseValueConvertible] = [level.rawValue, applicationID, query.start, query.end]
        let subqueries = query.metrics.filter { $0 == .activeClients }.flatMap { _ in arguments }
        return try fetch("SELECT \(columns.joined(separator: ", ")) FROM usage_totals WHERE \(window)", subqueries + arguments, query)
    }

    private func rollup(_ query: ReportQuery, level: TimeLevel, applicationID: String?) throws(DCRError) -> [Row] {
        let projection = query.projection
        let start = level.start(containing: query.start)
        let end = level.isBoundary(query.end) ? query.end : level.advance(level.start(containing: query.end), by: 1)
        var conditions = ["level = ?", "bucket >= ?", "bucket < ?"]
        var arguments: [any DatabaseValueConvertible] = [level.rawValue, start, end]
        if let applicationID {
            conditions.append("application_id = ?")
            arguments.append(applicationID)
        }
        for (filters, operation) in [(query.include, "IN"), (query.exclude, "NOT IN")] {
            for (dimension, values) in filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let column = dimension == .status ? "CAST(status AS TEXT)" : dimension.column
                conditions.append("\(column) \(operation) (\(values.map { _ in "?" }.joined(separator: ", ")))")
                arguments += values.map { $0 as any DatabaseValueConvertible }
            }
        }
        let metrics = query.metrics.map { $0 == .activeClients ? "COUNT(DISTINCT NULLIF(client_id, ''))" : "SUM(\($0.column))" }
        var sql = "SELECT \((projection.map(\.column) + metrics).joined(separator: ", ")) FROM usage_rollup WHERE \(conditions.joined(separator: " AND "))"
        if !projection.isEmpty {
            let groups = projection.map(\.column).joined(separator: ", ")
            sql += " GROUP BY \(groups) ORDER BY \(groups)"
        }
        sql += " LIMIT ?"
        arguments.append(query.limit)
        return try fetch(sql, arguments, query)
    }

    private func fetch(_ sql: String, _ arguments: [any DatabaseValueConvertible], _ query: ReportQuery) throws(DCRError) -> [Row] {
        let projection = query.projection
        let metrics = query.metrics
        let values = StatementArguments(arguments.map { $0.databaseValue })
        return try database.read { db in
            // Report SQL varies with the query's shape only (values are arguments), so compiled statements are reused.
            try GRDB.Row.fetchAll(db.cachedStatement(sql: sql), arguments: values).map { row in
                // An aggregate over no rows (a report without grouping over an empty window) is one row of NULL sums.
                let counts = metrics.indices.map { (row[projection.count + $0] as Int64?) ?? 0 }
                return Row(dimensions: projection.indices.map { index in
                               let value: DatabaseValue = row[index]
                               return switch value.storage {
                               case .int64(let number): (projection[index], String(number))
                               case .string(let text): (projection[index], text)
                               default: (projection[index], "")
                               }
                           },
                           metrics: metrics.indices.map { (metrics[$0], counts[$0]) })
            }
        }
    }
}
