/// How the server answers where the real service and the RFCs differ. One value decides every such difference.
public enum ServerProfile: String, Sendable, CaseIterable {
    /// As the commercial service answers: 201 on token, 400 on invalid_client, times in milliseconds.
    case adobePass = "adobe-pass"
    /// RFC 6749 / RFC 7591 to the letter: 200 on token, 401 with WWW-Authenticate on invalid_client, times in seconds.
    case rfc

    /// The status of a successful token response.
    public var tokenStatus: Int { self == .adobePass ? 201 : 200 }

    /// The status for an OAuth error code.
    public func status(for code: OAuthErrorCode) -> Int {
        switch code {
        case .invalidClient: self == .rfc ? 401 : 400
        case .invalidToken: 401
        case .insufficientScope: 403
        default: 400
        }
    }

    /// Whether an invalid_client answer carries `WWW-Authenticate` (RFC 6749 §5.2).
    public var challengesInvalidClient: Bool { self == .rfc }

    /// `client_id_issued_at` and `created_at`: epoch milliseconds (the service) or seconds (RFC 7591).
    public func issuedAt(_ seconds: Double) -> Int64 {
        self == .adobePass ? Int64(seconds * 1000) : Int64(seconds)
    }
}
