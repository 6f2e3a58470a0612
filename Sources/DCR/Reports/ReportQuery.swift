import JOSE

/// A usage-report request, `GET /cmu/v2/<dim>/<dim>/…[.format]?…`, read as the CMU API page documents it: the path's
/// dimensions are the grouping; the query filters (`dim=v` repeated is IN, `dim!=v` is NOT IN, on dimensions that are
/// not time), forces a dimension into the result (a bare `dim`), bounds the time (`start`, `end`), caps the rows
/// (`limit`), picks `metrics` (repeated or comma-separated) and a `format`. What the request leaves out gets the
/// server's default, and ``selfLink`` shows every parameter, implicit and explicit.
public struct ReportQuery: Sendable {
    /// The rows a report returns when `limit` is not given.
    public static let defaultLimit = 1000
    public static let maximumLimit = 100_000

    /// GROUP BY, in path order.
    public var path: [ReportDimension]
    /// Dimensions forced into the result by a bare query parameter.
    public var forced: [ReportDimension]
    public var include: [ReportDimension: [String]]
    public var exclude: [ReportDimension: [String]]
    /// The time window, `[start, end)` in epoch seconds.
    public var start: Int64
    public var end: Int64
    public var limit: Int
    public var metrics: [ReportMetric]
    public var format: ReportFormat
    /// The extension the path carried (`.csv`), kept in the links.
    public var pathExtension: String?
    /// The filter and projection parameters as the request spelled them, in order, for the self link.
    var filterParameters: [String]
    /// Whether `format` came as a query parameter (and so belongs in the self link).
    var formatParameter: String?

    /// Every dimension in the result: the path's, then the forced ones.
    public var projection: [ReportDimension] { path + forced.filter { !path.contains($0) } }

    /// The finest time granularity in the result, if any time dimension is in it.
    public var finestTime: TimeLevel? { projection.compactMap(\.timeLevel).min() }

    /// Parses the path after `/cmu/v2` (its segments) and the raw query string.
    /// - Parameters:
    ///   - accept: the `Accept` header, consulted last for the format.
    ///   - now: the current time (epoch seconds), for the default window.
    public init(segments: [String], query: String, accept: String?, now: Double) throws(DCRError) {
        var segments = segments.filter { !$0.isEmpty }
        var extensionFormat: ReportFormat? = nil
        if let last = segments.last, let dot = last.lastIndex(of: ".") {
            let name = String(last[last.index(after: dot)...])
            extensionFormat = try ReportFormat.named(name, from: "the extension")
            pathExtension = name
            segments[segments.count - 1] = String(last[..<dot])
        }
        path = []
        for segment in segments {
            guard let dimension = ReportDimension(rawValue: segment) else {
                throw DCRError.notFound("no report has the dimension \(segment.excerpt); the dimensions are \(ReportDimension.names)")
            }
            guard !path.contains(dimension) else { throw DCRError.badRequest("dimension \(segment) appears twice in the path") }
            path.append(dimension)
        }
        forced = []
        include = [:]
        exclude = [:]
        filterParameters = []
        metrics = []
        var start: Int64? = nil, end: Int64? = nil, limit: Int? = nil, formatParameter: ReportFormat? = nil
        func once<T>(_ value: T?, _ name: String) throws(DCRError) {
            guard value == nil else { throw DCRError.badRequest("\(name) is given more than once") }
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0]).formURLDecoded ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).formURLDecoded ?? String(parts[1])) : nil
            switch (rawName, value) {
            case ("access_token", _): continue
            case ("start", let value?):
                try once(start, "start")
                start = try ReportInstant.parse(value, name: "start", isEnd: false)
            case ("end", let value?):
                try once(end, "end")
                end = try ReportInstant.parse(value, name: "end", isEnd: true)
            case ("limit", let value?):
                try once(limit, "limit")
                guard let number = Int(value), (1...Self.maximumLimit).contains(number) else {
                    throw DCRError.badRequest("limit must be a whole number from 1 to \(Self.maximumLimit), got \(value.excerpt)")
                }
                limit = number
            case ("metrics", let value?):
                for name in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let metric = ReportMetric(rawValue: String(name)) else {
                        throw DCRError.badRequest("unknown metric \(String(name).excerpt); the metrics are \(ReportMetric.names)")
                    }
                    if !metrics.contains(metric) { metrics.append(metric) }
                }
            case ("format", let value?):
                try once(formatParameter, "format")
                formatParameter = try ReportFormat.named(value, from: "format")
            default:
                let negated = rawName.hasSuffix("!")
                let name = negated ? String(rawName.dropLast()) : rawName
                guard let dimension = ReportDimension(rawValue: name) else {
                    throw DCRError.badRequest("unknown query parameter \(name.excerpt); filters name a dimension (\(ReportDimension.names))")
                }
                if let value {
                    guard dimension.timeLevel == nil else {
                        throw DCRError.badRequest("\(name) is a time dimension, which cannot be filtered; bound the time with start and end")
                    }
                    if negated { exclude[dimension, default: []].append(value) } else { include[dimension, default: []].append(value) }
                } else {
                    guard !negated else { throw DCRError.badRequest("\(rawName) needs a value") }
                    if !forced.contains(dimension) { forced.append(dimension) }
                }
                filterParameters.append(String(pair))
            }
        }
        if metrics.isEmpty { metrics = ReportMetric.allCases }
        self.limit = limit ?? Self.defaultLimit
        self.formatParameter = formatParameter?.rawValue
        self.end = end ?? Int64(min(max(now, Double(CalendarFields.range.lowerBound)), Double(CalendarFields.range.upperBound)).rounded(.up))
        self.start = start ?? Self.defaultStart(before: self.end, finest: (path + forced).compactMap(\.timeLevel).min())
        if let chosen = extensionFormat ?? formatParameter { format = chosen } else { format = try ReportFormat.negotiated(accept: accept) ?? .json }
        guard self.start < self.end else {
            throw DCRError.badRequest("start (\(CalendarFields(epochSeconds: self.start).iso8601)) must be before end (\(CalendarFields(epochSeconds: self.end).iso8601))")
        }
    }

    /// The window a report covers when `start` is not given: the current period one level above the finest time
    /// dimension (a `day` report covers this month so far, as the service's own self links show), and five
    /// calendar years for `year`.
    static func defaultStart(before end: Int64, finest: TimeLevel?) -> Int64 {
        let last = end - 1
        switch finest {
        case .minute: return TimeLevel.hour.start(containing: last)
        case .hour: return TimeLevel.day.start(containing: last)
        case .day, nil: return TimeLevel.month.start(containing: last)
        case .month: return TimeLevel.year.start(containing: last)
        case .year: return TimeLevel.year.advance(TimeLevel.year.start(containing: last), by: -4)
        }
    }
}
