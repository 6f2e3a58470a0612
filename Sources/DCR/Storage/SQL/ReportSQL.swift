/// The SQL of a ``ReportPlan`` over the usage tables, in the subset SQLite and PostgreSQL share; only the parameter
/// markers differ (`?` or `$1`). Values are always parameters, so the text varies with the plan's shape only and a
/// prepared statement is reused for every report of that shape.
struct ReportSQL: Sendable {
    let text: String
    let arguments: [SQLValue]

    /// The statement for `plan`, with parameter `n` (from 1) written as `marker(n)`.
    init(_ plan: ReportPlan, marker: (Int) -> String) {
        var arguments: [SQLValue] = []
        func bind(_ value: SQLValue) -> String {
            arguments.append(value)
            return marker(arguments.count)
        }
        let applicationID = SQLValue.text(plan.applicationID ?? "")
        switch plan.source {
        case .totals:
            let columns = plan.projection.map(\.column) + plan.metrics.map(\.column)
            let order = plan.projection.map(\.column).joined(separator: ", ")
            let window = "level = \(bind(.integer(Int64(plan.level.rawValue)))) AND application_id = \(bind(applicationID)) "
                + "AND bucket >= \(bind(.integer(plan.start))) AND bucket < \(bind(.integer(plan.end)))"
            text = "SELECT \(columns.joined(separator: ", ")) FROM usage_totals WHERE \(window) ORDER BY \(order) LIMIT \(bind(.integer(Int64(plan.limit))))"
        case .total:
            func window() -> String {
                "level = \(bind(.integer(Int64(plan.level.rawValue)))) AND application_id = \(bind(applicationID)) "
                    + "AND bucket >= \(bind(.integer(plan.start))) AND bucket < \(bind(.integer(plan.end)))"
            }
            let columns = plan.metrics.map { metric in
                metric == .activeClients
                    ? "(SELECT COUNT(DISTINCT client_id) FROM usage_active WHERE \(window()))"
                    : "CAST(SUM(\(metric.column)) AS BIGINT)"
            }
            text = "SELECT \(columns.joined(separator: ", ")) FROM usage_totals WHERE \(window())"
        case .rollup:
            var conditions = ["level = \(bind(.integer(Int64(plan.level.rawValue))))", "bucket >= \(bind(.integer(plan.start)))",
                              "bucket < \(bind(.integer(plan.end)))"]
            if plan.applicationID != nil { conditions.append("application_id = \(bind(applicationID))") }
            for (filters, operation) in [(plan.include, "IN"), (plan.exclude, "NOT IN")] {
                for (dimension, values) in filters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    let column = dimension == .status ? "CAST(status AS TEXT)" : dimension.column
                    conditions.append("\(column) \(operation) (\(values.map { bind(.text($0)) }.joined(separator: ", ")))")
                }
            }
            let metrics = plan.metrics.map {
                $0 == .activeClients ? "COUNT(DISTINCT NULLIF(client_id, ''))" : "CAST(SUM(\($0.column)) AS BIGINT)"
            }
            var text = "SELECT \((plan.projection.map(\.column) + metrics).joined(separator: ", ")) FROM usage_rollup "
                + "WHERE \(conditions.joined(separator: " AND "))"
            if !plan.projection.isEmpty {
                let groups = plan.projection.map(\.column).joined(separator: ", ")
                text += " GROUP BY \(groups) ORDER BY \(groups)"
            }
            self.text = text + " LIMIT \(bind(.integer(Int64(plan.limit))))"
        }
        self.arguments = arguments
    }
}
