/// What a usage report can group by: a segment of a report path (`/cmu/v2/year/month/endpoint`).
public enum ReportDimension: String, Sendable, CaseIterable {
    case year, month, day, hour, minute
    case application, applicationID = "application-id", platform, client, endpoint, status

    /// The time granularity of a time dimension; `nil` for the others, which may be filtered.
    public var timeLevel: TimeLevel? {
        switch self {
        case .year: .year
        case .month: .month
        case .day: .day
        case .hour: .hour
        case .minute: .minute
        default: nil
        }
    }

    /// The dimension of a time level.
    static func time(_ level: TimeLevel) -> ReportDimension {
        switch level {
        case .minute: .minute
        case .hour: .hour
        case .day: .day
        case .month: .month
        case .year: .year
        }
    }

    /// The column holding the dimension's value in the usage tables.
    var column: String {
        switch self {
        case .year, .month, .day, .hour, .minute, .platform, .endpoint, .status: rawValue
        case .application: "application_name"
        case .applicationID: "application_id"
        case .client: "client_id"
        }
    }

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
