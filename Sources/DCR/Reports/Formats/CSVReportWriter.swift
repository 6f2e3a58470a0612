import JOSE

/// CSV (RFC 4180), as the CMU API page describes it: a header row of the dimensions then the metrics, one row per
/// record, no links. Text cells that a spreadsheet would run as a formula (beginning with `=`, `+`, `-`, `@`, TAB or
/// CR) get a leading `'` (OWASP CSV injection), so a device's `osName` cannot become one.
struct CSVReportWriter: FormatWriter {
    let document: ReportDocument
    private var wroteHeader = false

    init(_ document: ReportDocument) { self.document = document }

    mutating func write(_ rows: [ReportEngine.Row]) -> String {
        var lines: [String] = []
        if !wroteHeader {
            wroteHeader = true
            lines.append((document.query.projection.map(\.rawValue) + document.query.metrics.map(\.rawValue)).joined(separator: ","))
        }
        lines += rows.map { row in (row.dimensions.map { Self.field($0.1) } + row.metrics.map { String($0.1) }).joined(separator: ",") }
        return lines.map { $0 + "\r\n" }.joined()
    }

    mutating func finish() -> String { write([]) }

    static func field(_ value: String) -> String {
        let text = value.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + value : value
        let quoted = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return quoted ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
