/// `exp`, `nbf` and `iat` (RFC 7519 §4.1.4–4.1.6): numbers when present; not expired, already valid and not
/// issued in the future, each with its own leeway for clock skew.
public struct TimeValidity: ClaimPolicy {
    /// Seconds a token stays acceptable after its `exp`.
    public var expirationLeeway: Double
    /// Seconds a token is acceptable before its `nbf`.
    public var notBeforeLeeway: Double
    /// Seconds an `iat` may lie in the future.
    public var issuedAtLeeway: Double
    /// Whether an `exp` in the past fails (default); off for inspecting old tokens, when `exp` is still type-checked.
    public var checksExpiration = true

    /// The same leeway, in seconds, for all three claims.
    public init(leeway: Double = 60) {
        self.init(expirationLeeway: leeway, notBeforeLeeway: leeway, issuedAtLeeway: leeway)
    }

    /// A leeway per claim, in seconds.
    public init(expirationLeeway: Double, notBeforeLeeway: Double, issuedAtLeeway: Double) {
        self.expirationLeeway = expirationLeeway
        self.notBeforeLeeway = notBeforeLeeway
        self.issuedAtLeeway = issuedAtLeeway
    }

    /// The check in words, as a report lists it.
    public var description: String {
        "time validity (\(checksExpiration ? "" : "expiry not checked, ")leeway exp \(TimeSpan.seconds(expirationLeeway)), nbf \(TimeSpan.seconds(notBeforeLeeway)), iat \(TimeSpan.seconds(issuedAtLeeway)))"
    }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        var failures: [JOSEError] = []
        let now = context.now
        // A NaN or negative leeway would make every comparison below false, and so every date valid.
        let expirationLeeway = TimeSpan.bounded(expirationLeeway)
        let notBeforeLeeway = TimeSpan.bounded(notBeforeLeeway)
        let issuedAtLeeway = TimeSpan.bounded(issuedAtLeeway)
        switch context.date("exp") {
        case .failure(let error): failures.append(error)
        case .success(let exp?) where checksExpiration && now > exp.adding(expirationLeeway):
            failures.append(JOSEError(.expired, at: "payload.exp", "expired at \(exp) (\(exp.relative(to: now)), leeway \(TimeSpan.seconds(expirationLeeway)))"))
        case .success: break
        }
        switch context.date("nbf") {
        case .failure(let error): failures.append(error)
        case .success(let nbf?) where now.adding(notBeforeLeeway) < nbf:
            failures.append(JOSEError(.notYetValid, at: "payload.nbf", "not valid before \(nbf) (\(nbf.relative(to: now)), leeway \(TimeSpan.seconds(notBeforeLeeway)))"))
        case .success: break
        }
        switch context.date("iat") {
        case .failure(let error): failures.append(error)
        case .success(let iat?) where now.adding(issuedAtLeeway) < iat:
            failures.append(JOSEError(.claim, at: "payload.iat", "issued in the future at \(iat) (\(iat.relative(to: now)), leeway \(TimeSpan.seconds(issuedAtLeeway)))"))
        case .success: break
        }
        return failures
    }
}
