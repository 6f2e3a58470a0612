import Foundation

/// A usage-report request, `GET /cmu/v2/<dim>/<dim>/…?filters`: the path lists the dimensions to group by; the query
/// filters (`dim=v` repeated is IN, `dim!=v` is NOT IN), forces a dimension into the result (bare `dim`), bounds the
/// time (`start`, `end`: ISO 8601 prefixes), caps rows (`limit`) and picks `metrics` and a `format`.
public struct ReportQuery: Sendable, Equatable {
    public enum Dimension: String, Sendable, CaseIterable {
        case year, month, day, hour, minute
        case application, applicationID = "application-id", platform, client, endpoint, status

        var isTime: Bool { [.year, .month, .day, .hour, .minute].contains(self) }

        /// The SQL expression for the dimension's value.
        var sql: String {
            switch self {
            case .year: "strftime('%Y', time, 'unixepoch')"
            case .month: "strftime('%m', time, 'unixepoch')"
            case .day: "strftime('%d', time, 'unixepoch')"
            case .hour: "strftime('%H', time, 'unixepoch')"
            case .minute: "strftime('%M', time, 'unixepoch')"
            case .application: "coalesce(application_name, '')"
            case .applicationID: "coalesce(application_id, '')"
            case .platform: "coalesce(platform, '')"
            case .client: "coalesce(client_id, '')"
            case .endpoint: "endpoint"
            case .status: "CAST(status AS TEXT)"
            }
        }
    }

    public enum Metric: String, Sendable, CaseIterable {
        case requests, registrations, tokensIssued = "tokens-issued", throttled, failedAttempts = "failed-attempts", activeClients = "active-clients"

        var sql: String {
            switch self {
            // An event row may stand for several requests (`count`): requests without a client are aggregated.
            case .requests: "SUM(count)"
            case .registrations: "SUM(CASE WHEN endpoint = '/o/client/register' AND status BETWEEN 200 AND 299 THEN count ELSE 0 END)"
            case .tokensIssued: "SUM(CASE WHEN endpoint = '/o/client/token' AND status BETWEEN 200 AND 299 THEN count ELSE 0 END)"
            case .throttled: "SUM(CASE WHEN status = 429 THEN count ELSE 0 END)"
            case .failedAttempts: "SUM(CASE WHEN status >= 400 AND status <> 429 THEN count ELSE 0 END)"
            case .activeClients: "COUNT(DISTINCT client_id)"
            }
        }
    }

    public enum Format: String, Sendable { case json, csv }

    /// GROUP BY, in path order.
    public var path: [Dimension]
    /// Dimensions forced into the projection by a bare query parameter.
    public var forced: [Dimension]
    public var include: [Dimension: [String]]
    public var exclude: [Dimension: [String]]
    public var start: Double?
    public var end: Double?
    public var limit: Int?
    public var metrics: [Metric]
    public var format: Format

    /// Every dimension in the result: the path's, then the forced ones.
    public var projection: [Dimension] { path + forced.filter { !path.contains($0) } }

    /// Parses the path after `/cmu/v2` (segments) and the raw query string.
    /// - Parameter accept: the `Accept` header, consulted last for the format.
    public init(segments: [String], query: String, accept: String?) throws(DCRError) {
        var segments = segments.filter { !$0.isEmpty }
        var format: Format? = nil
        if let last = segments.last, let dot = last.lastIndex(of: ".") {
            let ext = String(last[last.index(after: dot)...])
            guard let chosen = Format(rawValue: ext) else { throw DCRError.badRequest("unknown report format .\(ext) (json or csv)") }
            format = chosen
            segments[segments.count - 1] = String(last[..<dot])
        }
        var path: [Dimension] = []
        for segment in segments {
            guard let dimension = Dimension(rawValue: segment) else { throw DCRError.notFound("unknown report dimension \"\(segment)\" (\(Dimension.allCases.map(\.rawValue).joined(separator: ", ")))") }
            guard !path.contains(dimension) else { throw DCRError.badRequest("dimension \(segment) appears twice in the path") }
            path.append(dimension)
        }
        self.path = path
        forced = []
        include = [:]
        exclude = [:]
        metrics = Metric.allCases
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0]).formURLDecoded ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).formURLDecoded ?? String(parts[1])) : nil
            let negated = rawName.hasSuffix("!")
            let name = negated ? String(rawName.dropLast()) : rawName
            switch (name, value) {
            case ("start", let value?): start = try ReportQuery.instant(value, name: "start", roundUp: false)
            case ("end", let value?): end = try ReportQuery.instant(value, name: "end", roundUp: true)
            case ("limit", let value?):
                guard let number = Int(value), number > 0, number <= 100_000 else { throw DCRError.badRequest("limit must be a whole number from 1 to 100000, got \(value)") }
                limit = number
            case ("metrics", let value?):
                var chosen: [Metric] = []
                for name in value.split(separator: ",") {
                    guard let metric = Metric(rawValue: String(name)) else { throw DCRError.badRequest("unknown metric \"\(name)\" (\(Metric.allCases.map(\.rawValue).joined(separator: ", ")))") }
                    chosen.append(metric)
                }
                guard !chosen.isEmpty else { throw DCRError.badRequest("metrics must name at least one metric") }
                metrics = chosen
            case ("format", let value?):
                guard let chosen = Format(rawValue: value) else { throw DCRError.badRequest("format must be json or csv, got \(value)") }
                format = format ?? chosen
            case ("access_token", _):
                continue
            default:
                guard let dimension = Dimension(rawValue: name) else { throw DCRError.badRequest("unknown query parameter \"\(name)\"") }
                guard let value else {
                    if !forced.contains(dimension) { forced.append(dimension) }
                    continue
                }
                if negated { exclude[dimension, default: []].append(value) } else { include[dimension, default: []].append(value) }
            }
        }
        if let start, let end, start >= end { throw DCRError.badRequest("start must be before end") }
        self.format = format ?? (accept?.lowercased().contains("text/csv") == true ? .csv : .json)
    }

    /// An ISO 8601 prefix (`2026`, `2026-11`, `2026-11-23`, `2026-11-23T07`, `…T07:15`, `…T07:15:30Z`) as epoch seconds;
    /// an end bound is the end of the named period.
    static func instant(_ text: String, name: String, roundUp: Bool) throws(DCRError) -> Double {
        let trimmed = text.hasSuffix("Z") ? String(text.dropLast()) : text
        let pattern: [(String, Int)] = [("yyyy", 4), ("-MM", 3), ("-dd", 3), ("THH", 3), (":mm", 3), (":ss", 3)]
        var components = DateComponents(calendar: utc, timeZone: utc.timeZone, year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        var rest = Substring(trimmed)
        var depth = 0
        for (index, (_, length)) in pattern.enumerated() where !rest.isEmpty {
            let piece = rest.prefix(length)
            let digits = index == 0 ? piece : piece.dropFirst()
            guard piece.count == length, digits.allSatisfy(\.isNumber), let value = Int(digits),
                  index == 0 || piece.first == ["-", "-", "T", ":", ":"][index - 1] else {
                throw DCRError.badRequest("\(name) must be an ISO 8601 date or prefix of one (2026, 2026-11, 2026-11-23T07:15), got \(text)")
            }
            switch index {
            case 0: components.year = value
            case 1: components.month = value
            case 2: components.day = value
            case 3: components.hour = value
            case 4: components.minute = value
            default: components.second = value
            }
            rest = rest.dropFirst(length)
            depth = index + 1
        }
        guard rest.isEmpty, depth > 0, let date = components.date else {
            throw DCRError.badRequest("\(name) must be an ISO 8601 date or prefix of one (2026, 2026-11, 2026-11-23T07:15), got \(text)")
        }
        guard roundUp else { return date.timeIntervalSince1970 }
        let unit: Calendar.Component = [.year, .month, .day, .hour, .minute, .second][depth - 1]
        return (utc.date(byAdding: unit, value: 1, to: date) ?? date).timeIntervalSince1970
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}
