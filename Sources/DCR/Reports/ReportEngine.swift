import Foundation
import GRDB
import JOSE

/// Runs usage-report queries over the recorded events: the path's dimensions are the GROUP BY.
public struct ReportEngine: Sendable {
    /// One result row: dimension values (text) and metric values.
    public struct Row: Sendable {
        public let dimensions: [(ReportQuery.Dimension, String)]
        public let metrics: [(ReportQuery.Metric, Int64)]
    }

    let database: DCRDatabase

    public init(database: DCRDatabase) { self.database = database }

    /// Runs `query` over the events `scope` may see.
    public func run(_ query: ReportQuery, scope: ReportScope) throws(DCRError) -> [Row] {
        let projection = query.projection
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if case .application(let id) = scope {
            conditions.append("application_id = ?")
            arguments.append(id)
        }
        if let start = query.start {
            conditions.append("time >= ?")
            arguments.append(start)
        }
        if let end = query.end {
            conditions.append("time < ?")
            arguments.append(end)
        }
        for (dimension, values) in query.include.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            conditions.append("\(dimension.sql) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += values.map { $0 as (any DatabaseValueConvertible)? }
        }
        for (dimension, values) in query.exclude.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            conditions.append("\(dimension.sql) NOT IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            arguments += values.map { $0 as (any DatabaseValueConvertible)? }
        }
        let columns = projection.enumerated().map { "\($0.element.sql) AS d\($0.offset)" } + query.metrics.enumerated().map { "\($0.element.sql) AS m\($0.offset)" }
        var sql = "SELECT \(columns.joined(separator: ", ")) FROM usage_events"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !projection.isEmpty {
            let groups = projection.indices.map { "d\($0)" }.joined(separator: ", ")
            sql += " GROUP BY \(groups) ORDER BY \(groups)"
        }
        if let limit = query.limit { sql += " LIMIT \(limit)" }
        let statement = sql
        let values = StatementArguments(arguments.map { $0?.databaseValue ?? .null })
        let metrics = query.metrics
        return try database.read { db in
            try GRDB.Row.fetchAll(db, sql: statement, arguments: values).map { row in
                Row(dimensions: projection.enumerated().map { ($0.element, (row["d\($0.offset)"] as String?) ?? "") },
                    metrics: metrics.enumerated().map { ($0.element, (row["m\($0.offset)"] as Int64?) ?? 0) })
            }
        }
    }

    /// HAL JSON: `_links` (self, roll-up, drill-down) and `report`.
    public static func json(_ rows: [Row], query: ReportQuery, base: String, queryString: String) -> JSONValue {
        let suffix = queryString.isEmpty ? "" : "?" + queryString
        func href(_ path: [ReportQuery.Dimension]) -> JSONValue {
            .object([("href", .string(([base] + path.map(\.rawValue)).joined(separator: "/") + suffix))])
        }
        var links: [(String, JSONValue)] = [("self", href(query.path))]
        if !query.path.isEmpty { links.append(("roll-up", href(Array(query.path.dropLast())))) }
        let deeper = ReportQuery.Dimension.allCases.filter { !query.path.contains($0) }
        links.append(("drill-down", .array(deeper.map { href(query.path + [$0]) })))
        let report: [JSONValue] = rows.map { row in
            .object(row.dimensions.map { ($0.0.rawValue, .string($0.1)) } + row.metrics.map { ($0.0.rawValue, .integer($0.1)) })
        }
        return .object([("_links", .object(links)), ("report", .array(report))])
    }

    /// CSV (RFC 4180): a header row, then one row per result; no links. Text cells that a spreadsheet would run as a
    /// formula (beginning with `=`, `+`, `-`, `@`, TAB or CR) get a leading `'` (OWASP CSV injection), so a device's
    /// `osName` cannot become one.
    public static func csv(_ rows: [Row], query: ReportQuery) -> String {
        func field(_ value: String) -> String {
            let text = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + value : value
            return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let header = (query.projection.map(\.rawValue) + query.metrics.map(\.rawValue)).joined(separator: ",")
        let lines = rows.map { row in (row.dimensions.map { field($0.1) } + row.metrics.map { String($0.1) }).joined(separator: ",") }
        return ([header] + lines).joined(separator: "\r\n") + "\r\n"
    }
}
