/// What a claim policy looks at: the JOSE header, the claims object and the time of the check.
public struct ClaimContext: Sendable {
    /// The header of the signature that verified.
    public let header: JOSEHeader
    /// The claims object.
    public let claims: JSONValue
    /// The time the claims are checked as of.
    public let now: NumericDate

    /// The context of one check.
    public init(header: JOSEHeader, claims: JSONValue, now: NumericDate) {
        self.header = header
        self.claims = claims
        self.now = now
    }

    /// A NumericDate claim: nil when absent, an error when present but not a JSON number (RFC 7519 §4.1.4) or not
    /// within ``NumericDate/representable``.
    public func date(_ name: String) -> Result<NumericDate?, JOSEError> {
        guard let value = claims[name] else { return .success(nil) }
        guard let seconds = value.numberValue else {
            return .failure(JOSEError(.claim, at: "payload.\(name)", "must be a number (a NumericDate), found \(value.excerpt)"))
        }
        guard let date = NumericDate(claim: seconds) else {
            return .failure(JOSEError(.claim, at: "payload.\(name)", NumericDate.outOfRange(seconds, excerpt: value.excerpt)))
        }
        return .success(date)
    }

    /// A string claim: nil when absent, an error when present with another type.
    public func string(_ name: String) -> Result<String?, JOSEError> {
        guard let value = claims[name] else { return .success(nil) }
        guard let text = value.stringValue else {
            return .failure(JOSEError(.claim, at: "payload.\(name)", "must be a string, found \(value.excerpt)"))
        }
        return .success(text)
    }
}

/// One check of a JWT's claims. A policy is a value: print it, test it, reuse it.
public protocol ClaimPolicy: Sendable, CustomStringConvertible {
    /// Every way the claims fail this policy; empty when they meet it.
    func evaluate(_ context: ClaimContext) -> [JOSEError]
}
