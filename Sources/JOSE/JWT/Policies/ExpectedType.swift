/// The header `typ` must name the expected media type; compared case-insensitively, `application/` optional
/// (RFC 7515 §4.1.9, RFC 8725 §3.11).
public struct ExpectedType: ClaimPolicy {
    /// The media type `typ` must name, e.g. `JWT` or `at+jwt`.
    public var type: String

    /// Requires the header's `typ` to name `type`.
    public init(_ type: String) { self.type = type }

    /// The check in words, as a report lists it.
    public var description: String { "typ is \"\(type)\"" }

    /// `application/at+jwt` and `AT+JWT` both become `at+jwt`.
    public static func normalized(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
    }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        guard let value = context.header["typ"] else {
            return [JOSEError(.type, at: "header.typ", "missing; expected \"\(type)\"")]
        }
        guard let actual = value.stringValue else {
            return [JOSEError(.type, at: "header.typ", "must be a string, found \(value.excerpt)")]
        }
        guard ExpectedType.normalized(actual) != ExpectedType.normalized(type) else { return [] }
        return [JOSEError(.type, at: "header.typ", "is \"\(actual)\", expected \"\(type)\"")]
    }
}
