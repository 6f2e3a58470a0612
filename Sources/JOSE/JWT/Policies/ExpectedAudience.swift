/// `aud` (RFC 7519 §4.1.3), a string or an array of strings, must contain the expected audience exactly.
public struct ExpectedAudience: ClaimPolicy {
    /// The audience that `aud` must contain.
    public var audience: String

    /// Requires `aud` to contain `audience`.
    public init(_ audience: String) { self.audience = audience }

    /// The check in words, as a report lists it.
    public var description: String { "aud contains \"\(audience)\"" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        guard let value = context.claims["aud"] else {
            return [JOSEError(.missingClaim, at: "payload.aud", "missing; expected \"\(audience)\"")]
        }
        let audiences = value.kind == .array ? value.elements : [value]
        guard audiences.allSatisfy({ $0.kind == .string }) else {
            return [JOSEError(.audience, at: "payload.aud", "must be a string or an array of strings, found \(value.excerpt)")]
        }
        guard !audiences.contains(where: { $0.stringEquals(audience) }) else { return [] }
        return [JOSEError(.audience, at: "payload.aud", "\(value.compact) does not contain \"\(audience)\"")]
    }
}
