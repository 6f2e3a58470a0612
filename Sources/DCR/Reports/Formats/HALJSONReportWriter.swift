import JOSE

/// HAL JSON, as the CMU API page's sample: `_links` (`self`, `roll-up`, `drill-down` entries with `href` and
/// `name`) and `report`, whose records hold every value as a string.
struct HALJSONReportWriter: FormatWriter {
    let document: ReportDocument
    private var records: [JSONValue] = []

    init(_ document: ReportDocument) { self.document = document }

    mutating func write(_ rows: [ReportEngine.Row]) -> String {
        records += rows.map { row in
            .object(row.dimensions.map { ($0.0.rawValue, .string($0.1)) } + row.metrics.map { ($0.0.rawValue, .string(String($0.1))) })
        }
        return ""
    }

    mutating func finish() -> String {
        let links = document.links
        func link(_ link: ReportLinks.Link) -> JSONValue { .object([("href", .string(link.href)), ("name", .string(link.name))]) }
        var members: [(String, JSONValue)] = [("self", .object([("href", .string(links.selfHref))]))]
        if let rollUp = links.rollUp { members.append(("roll-up", link(rollUp))) }
        members.append(("drill-down", .array(links.drillDown.map(link))))
        return JSONValue.object([("_links", .object(members)), ("report", .array(records))]).compact + "\n"
    }
}
