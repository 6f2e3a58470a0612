/// A failure in the registration flow: an OAuth error a client is told about, or a local problem.
public enum DCRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An OAuth error (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 6750 §3.1) with its description.
    case oauth(OAuthErrorCode, String)
    /// The client is throttled; retry after this many seconds.
    case throttled(retryAfter: Int)
    /// A resource does not exist (an application id, a report path).
    case notFound(String)
    /// A bad request to an API that is not OAuth (admin, reports): status 400 with this text.
    case badRequest(String)
    /// No representation the client accepts (a report format): status 406 with this text.
    case notAcceptable(String)
    /// Missing or wrong admin credentials.
    case unauthorized(String)
    /// Local storage failed.
    case storage(String)
    /// The shared database did not answer in time: status 503, retry after this many seconds.
    case unavailable(String, retryAfter: Int)

    public var description: String {
        switch self {
        case .oauth(let code, let text): "\(code.rawValue): \(text)"
        case .throttled(let seconds): "throttled: retry after \(seconds)s"
        case .notFound(let text), .badRequest(let text), .notAcceptable(let text), .unauthorized(let text), .storage(let text): text
        case .unavailable(let text, _): text
        }
    }
}

/// The OAuth error codes the service uses.
public enum OAuthErrorCode: String, Sendable, CaseIterable {
    case invalidRequest = "invalid_request"
    case invalidRedirectURI = "invalid_redirect_uri"
    case invalidSoftwareStatement = "invalid_software_statement"
    case unapprovedSoftwareStatement = "unapproved_software_statement"
    case invalidClient = "invalid_client"
    case unauthorizedClient = "unauthorized_client"
    case unsupportedGrantType = "unsupported_grant_type"
    case invalidToken = "invalid_token"
    /// RFC 6750 §3.1: the token is valid but lacks the scope the resource needs (403).
    case insufficientScope = "insufficient_scope"
}
