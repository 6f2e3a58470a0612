/// A software statement's software identifier: `software_id` (RFC 7591 §2), else `sub`, where the
/// TV-authentication service's own statements carry the application id.
public enum SoftwareID {
    /// The claim that identifies the software, as given (not necessarily a string); nil when neither is present.
    public static func claim(in claims: JSONValue) -> JSONValue? {
        claims["software_id"] ?? claims["sub"]
    }

    /// The software id when it is a non-empty string.
    public static func value(in claims: JSONValue) -> String? {
        claim(in: claims)?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }
}
