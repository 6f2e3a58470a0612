/// Time claims built the way you think of them: `["iat": .now, "exp": .in(.hours(6))]`.
extension JSONValue {
    /// The current time as a NumericDate claim value (whole seconds since the epoch).
    public static var now: JSONValue { .date(.now) }

    /// The NumericDate `span` from now (a negative span: that long ago).
    public static func `in`(_ span: Swift.Duration) -> JSONValue {
        let seconds = Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
        return .date(NumericDate.now.adding(seconds))
    }

    /// `date` as a NumericDate claim value, in whole seconds.
    public static func date(_ date: NumericDate) -> JSONValue { .integer(Int64(date.secondsSinceEpoch.rounded(.down))) }
}

/// Spans for time claims in the units tokens are thought of in: `.in(.hours(6))`.
extension Swift.Duration {
    /// `minutes` minutes.
    public static func minutes(_ minutes: Int64) -> Duration { .seconds(minutes * 60) }
    /// `hours` hours.
    public static func hours(_ hours: Int64) -> Duration { .seconds(hours * 3600) }
    /// `days` days of 86,400 seconds.
    public static func days(_ days: Int64) -> Duration { .seconds(days * 86_400) }
}
