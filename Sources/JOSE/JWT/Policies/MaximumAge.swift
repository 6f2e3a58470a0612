/// The token must have been issued (`iat`) no longer ago than `maximum` seconds (plus leeway).
public struct MaximumAge: ClaimPolicy {
    /// The oldest a token may be, in seconds since its `iat`.
    public var maximum: Double
    /// Seconds of clock skew allowed on top of `maximum`.
    public var leeway: Double

    /// Requires `iat` to be at most `maximum` seconds ago, give or take `leeway`.
    public init(_ maximum: Double, leeway: Double = 60) {
        self.maximum = maximum
        self.leeway = leeway
    }

    /// The check in words, as a report lists it.
    public var description: String { "issued at most \(TimeSpan.describe(maximum)) ago" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        switch context.date("iat") {
        case .failure(let error): return [error]
        case .success(nil): return [JOSEError(.claim, at: "payload.iat", "missing, so the token's age (limit \(TimeSpan.describe(maximum))) cannot be checked")]
        case .success(let iat?):
            let age = context.now.secondsSinceEpoch - iat.secondsSinceEpoch
            // Bounded, so that a NaN limit cannot make every age acceptable.
            guard age > TimeSpan.bounded(maximum) + TimeSpan.bounded(leeway) else { return [] }
            return [JOSEError(.claim, at: "payload.iat", "issued \(TimeSpan.describe(age)) ago, older than the maximum age of \(TimeSpan.describe(maximum))")]
        }
    }
}
