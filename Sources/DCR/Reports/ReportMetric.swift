/// What a usage report counts for each group of requests.
public enum ReportMetric: String, Sendable, CaseIterable {
    case requests, registrations, tokensIssued = "tokens-issued", throttled, failedAttempts = "failed-attempts", activeClients = "active-clients"

    /// The column of the usage tables that sums to this metric (`active-clients` is counted, not summed).
    var column: String {
        switch self {
        case .requests: "requests"
        case .registrations: "registrations"
        case .tokensIssued: "tokens_issued"
        case .throttled: "throttled"
        case .failedAttempts: "failed_attempts"
        case .activeClients: "active_clients"
        }
    }

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
