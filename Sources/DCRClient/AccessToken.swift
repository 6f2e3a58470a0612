/// An access token the client holds: the token itself (a secret), when it expires, and the scope the server granted
/// if it said.
public struct AccessToken: Sendable {
    public let value: String
    /// Epoch seconds.
    public let expiresAt: Double
    public let scope: String?

    public init(value: String, expiresAt: Double, scope: String?) {
        self.value = value
        self.expiresAt = expiresAt
        self.scope = scope
    }
}
