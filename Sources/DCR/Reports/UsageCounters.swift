/// The summable counts of some requests: what every report metric but `active-clients` adds up.
public struct UsageCounters: Sendable, Equatable {
    var requests: Int64 = 0
    var registrations: Int64 = 0
    var tokensIssued: Int64 = 0
    var throttled: Int64 = 0
    var failedAttempts: Int64 = 0

    /// The counts of one request.
    init(_ event: UsageEvent) {
        let succeeded = (200...299).contains(event.status)
        requests = 1
        registrations = succeeded && event.endpoint == DCRRoute.register.path ? 1 : 0
        tokensIssued = succeeded && event.endpoint == DCRRoute.token.path ? 1 : 0
        throttled = event.status == 429 ? 1 : 0
        failedAttempts = event.status >= 400 && event.status != 429 ? 1 : 0
    }

    init() {}

    static func += (lhs: inout UsageCounters, rhs: UsageCounters) {
        lhs.requests += rhs.requests
        lhs.registrations += rhs.registrations
        lhs.tokensIssued += rhs.tokensIssued
        lhs.throttled += rhs.throttled
        lhs.failedAttempts += rhs.failedAttempts
    }

    /// These counts for `count` such requests.
    func times(_ count: Int64) -> UsageCounters {
        var result = self
        result.requests *= count
        result.registrations *= count
        result.tokensIssued *= count
        result.throttled *= count
        result.failedAttempts *= count
        return result
    }

    /// In the order of ``columns``.
    public var values: [Int64] { [requests, registrations, tokensIssued, throttled, failedAttempts] }

    /// The usage tables' columns for these counts.
    public static let columns = ["requests", "registrations", "tokens_issued", "throttled", "failed_attempts"]
}
