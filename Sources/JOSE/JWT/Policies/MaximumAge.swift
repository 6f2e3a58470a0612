/// The token must have been issued (`iat`) no longer ago than `maximum` seconds (plus leeway).
public struct MaximumAge: ClaimPolicy {
    public var maximum: Double
    public var leeway: Double

    public init(_ maximum: Double, leeway: Double = 60) {
        self.maximum = maximum
        self.leeway = leeway
    }

    public var description: String { "issued at most \(Duration.describe(maximum)) ago" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        switch context.date("iat") {
        case .failure(let error): return [error]
        case .success(nil): return [JOSEError(.claim, at: "payload.iat", "missing, so the token's age (limit \(Duration.describe(maximum))) cannot be checked")]
        case .success(let iat?):
            let age = context.now.secondsSinceEpoch - iat.secondsSinceEpoch
            // Bounded, so that a NaN limit cannot make every age acceptable.
            guard age > Duration.bounded(maximum) + Duration.bounded(leeway) else { return [] }
            return [JOSEError(.claim, at: "payload.iat", "issued \(Duration.describe(age)) ago, older than the maximum age of \(Duration.describe(maximum))")]
        }
    }
}
