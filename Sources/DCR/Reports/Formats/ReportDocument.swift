import JOSE

/// What every report format is written from: the query (its dimensions, metrics and window) and its HAL links.
public struct ReportDocument: Sendable {
    public let query: ReportQuery
    public let links: ReportLinks

    public init(query: ReportQuery, links: ReportLinks) {
        self.query = query
        self.links = links
    }

    /// The writer of `format`.
    public func writer(_ format: ReportFormat) -> any FormatWriter<ReportEngine.Row> {
        switch format {
        case .json: HALJSONReportWriter(self)
        case .xml: HALXMLReportWriter(self)
        case .csv: CSVReportWriter(self)
        case .html: HTMLReportWriter(self)
        }
    }

    /// The CSV file name the CMU API page documents, `report__<start>_<end>_<values>.csv`: the window's dates, then the
    /// limit and the filter values, each reduced to letters, digits, `.` and `-` so the name is safe in a header and
    /// on any file system.
    public var csvFileName: String {
        func safe(_ text: String) -> String {
            String(text.unicodeScalars.prefix(64).map { scalar -> Character in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-") ? Character(scalar) : "-"
            })
        }
        let dates = [query.start, query.end].map { String(CalendarFields(epochSeconds: $0).iso8601.prefix(10)) }
        let values = ["\(query.limit)"] + query.include.sorted { $0.key.rawValue < $1.key.rawValue }.flatMap(\.value).map(safe)
        return "report__\(dates[0])_\(dates[1])_\(values.joined(separator: ",")).csv"
    }
}
