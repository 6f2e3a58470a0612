import JOSE

/// A report's HAL links, as the CMU API page documents them: `self` shows every parameter, implicit and explicit;
/// `roll-up` (the path without its last dimension) and each `drill-down` (the path with one more) hold only a path.
public struct ReportLinks: Sendable {
    public struct Link: Sendable, Equatable {
        public var href: String
        /// The dimension the link removes or adds.
        public var name: String
    }

    public var selfHref: String
    public var rollUp: Link?
    public var drillDown: [Link]

    /// The links of `query`, with paths under `base` (`/cmu/v2`).
    public init(_ query: ReportQuery, base: String) {
        func path(_ dimensions: some Sequence<ReportDimension>) -> String { ([base] + dimensions.map(\.rawValue)).joined(separator: "/") }
        var parameters = query.filterParameters
        parameters.append("start=" + CalendarFields(epochSeconds: query.start).iso8601)
        parameters.append("end=" + CalendarFields(epochSeconds: query.end).iso8601)
        parameters.append("limit=\(query.limit)")
        parameters += query.metrics.map { "metrics=" + $0.rawValue }
        if let format = query.formatParameter { parameters.append("format=" + format) }
        selfHref = path(query.path) + (query.pathExtension.map { "." + $0 } ?? "") + "?" + parameters.joined(separator: "&")
        rollUp = query.path.last.map { Link(href: path(query.path.dropLast()), name: $0.rawValue) }
        drillDown = ReportDimension.allCases.filter { !query.path.contains($0) }.map { Link(href: path(query.path + [$0]), name: $0.rawValue) }
    }
}
