import JOSE

/// What a usage event is counted under: its minute and every dimension but time. Requests with the same key are one
/// row of the usage tables, so a flood of identical requests (anonymous ones, say) adds counts, not rows.
public struct UsageKey: Hashable, Sendable {
    /// The start of the event's minute, in epoch seconds.
    public internal(set) var minute: Int64
    public let endpoint: String
    public let method: String
    public let status: Int
    /// Empty when the request had no client (or no application, platform).
    public let clientID: String
    public let applicationID: String
    public let applicationName: String
    public let platform: String

    init(_ event: UsageEvent) {
        let time = event.time.isFinite ? min(max(event.time, Double(CalendarFields.range.lowerBound)), Double(CalendarFields.range.upperBound)) : 0
        minute = TimeLevel.minute.start(containing: Int64(time.rounded(.down)))
        endpoint = event.endpoint
        method = event.method
        status = event.status
        clientID = event.clientID ?? ""
        applicationID = event.applicationID ?? ""
        applicationName = event.applicationName ?? ""
        platform = event.platform ?? ""
    }
}
