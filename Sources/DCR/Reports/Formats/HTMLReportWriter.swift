import JOSE

/// HTML, the CMU API page's "demo" format: a page with the report as a table and its links, every value escaped.
/// The page loads nothing and runs nothing (the response's Content-Security-Policy says so too).
struct HTMLReportWriter: FormatWriter {
    let document: ReportDocument
    private var rows: [String] = []

    init(_ document: ReportDocument) { self.document = document }

    mutating func write(_ rows: [ReportEngine.Row]) -> String {
        self.rows += rows.map { row in
            let cells = row.dimensions.map { "<th scope=\"row\">\(Self.escaped($0.1))</th>" } + row.metrics.map { "<td>\($0.1)</td>" }
            return "<tr>" + cells.joined() + "</tr>"
        }
        return ""
    }

    mutating func finish() -> String {
        let query = document.query
        let links = document.links
        let title = "Usage report: " + (query.path.isEmpty ? "all requests" : query.path.map(\.rawValue).joined(separator: " / "))
        let header = query.projection.map { "<th scope=\"col\">\($0.rawValue)</th>" } + query.metrics.map { "<th scope=\"col\">\($0.rawValue)</th>" }
        let window = "\(CalendarFields(epochSeconds: query.start).iso8601) to \(CalendarFields(epochSeconds: query.end).iso8601) UTC"
        var navigation = ["<li><a rel=\"self\" href=\"\(Self.escaped(links.selfHref))\">this report</a></li>"]
        if let rollUp = links.rollUp { navigation.append("<li><a rel=\"roll-up\" href=\"\(Self.escaped(rollUp.href))\">roll up (without \(Self.escaped(rollUp.name)))</a></li>") }
        navigation += links.drillDown.map { "<li><a rel=\"drill-down\" href=\"\(Self.escaped($0.href))\">drill down by \(Self.escaped($0.name))</a></li>" }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>\(Self.escaped(title))</title></head>
            <body>
            <main>
            <h1>\(Self.escaped(title))</h1>
            <p>\(window), at most \(query.limit) rows.</p>
            <table>
            <thead><tr>\(header.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            <nav aria-label="Related reports"><ul>
            \(navigation.joined(separator: "\n"))
            </ul></nav>
            </main>
            </body>
            </html>

            """
    }

    static func escaped(_ text: String) -> String { HALXMLReportWriter.escaped(text) }
}
