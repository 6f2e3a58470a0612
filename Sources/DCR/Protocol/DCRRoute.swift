/// The wire protocol's paths in one place: every path `jwstool serve` answers, which the server routes, the client and
/// the CLI call, the discovery metadata advertises and the usage reports group requests by.
public enum DCRRoute: String, Sendable, CaseIterable {
    /// `POST`: RFC 7591 registration with a software statement.
    case register = "/o/client/register"
    /// `POST`: a `client_credentials` access token.
    case token = "/o/client/token"
    /// `POST`: RFC 7662 introspection.
    case introspect = "/o/client/introspect"
    /// `POST`: RFC 7009 revocation.
    case revoke = "/o/client/revoke"
    /// `GET`/`POST` with a bearer token: the token's scopes.
    case scopes = "/o/client/scopes"
    /// `GET`/`POST` with a bearer token: whether the token is valid.
    case validate = "/o/client/validate"
    /// RFC 8414 authorization-server metadata.
    case authorizationServerMetadata = "/.well-known/oauth-authorization-server"
    /// The server's public keys (RFC 7517 JWK Set).
    case jwks = "/.well-known/jwks.json"
    /// `GET`: the OpenAPI 3.1 description of the API.
    case openAPI = "/openapi.json"
    /// The usage reports; report dimensions follow as path segments.
    case reports = "/cmu/v2"
    /// The admin API's applications; `/ID`, `/ID/statement` and `/ID/revoke` below it.
    case applications = "/admin/applications"
    /// `GET`/`POST`: the web UI's token inspector.
    case inspector = "/ui/inspect"
    /// `GET`: the web UI's stylesheet and script, `/ui/static/NAME`.
    case uiAssets = "/ui/static"
    /// The web UI's dashboard: `/ui/` (applications), `/ui/signin`, `/ui/applications/ID…`, `/ui/usage` (charts).
    case dashboard = "/ui"
    /// `GET`: the admin API's view of the server's signing keys; `POST /admin/keys/rotate` rotates the access-token key.
    case keys = "/admin/keys"

    /// The path, from the server's root.
    public var path: String { rawValue }

    /// Where client requests are, and throttled.
    public static let clientPrefix = "/o/client"
    /// Where the web UI is.
    public static let uiPrefix = "/ui"
    /// Where the admin API is (behind the admin token).
    public static let adminPrefix = "/admin"
    /// Where the discovery documents are.
    public static let wellKnownPrefix = "/.well-known"

    /// The path below `prefix` (`register` below `/o/client`), for a router group; the whole path when it is not below it.
    public func path(below prefix: String) -> String {
        path.hasPrefix(prefix + "/") ? String(path.dropFirst(prefix.count + 1)) : path
    }

    /// `path` itself, or a path below it (`/cmu/v2/year/month`, `/admin/applications/ID`).
    public func covers(_ path: String) -> Bool { path == self.path || path.hasPrefix(self.path + "/") }

    /// What `POST /admin/applications/ID/ACTION` does to an application.
    public enum ApplicationAction: String, Sendable {
        /// Mints a fresh software statement.
        case statement
        /// Revokes the application.
        case revoke
    }

    /// The admin API's path of application `id`, or of one of its actions.
    public static func application(_ id: String, _ action: ApplicationAction? = nil) -> String {
        applications.path + "/" + id + (action.map { "/" + $0.rawValue } ?? "")
    }

    /// What `POST /admin/keys/ACTION` does to the server's keys.
    public enum KeyAction: String, Sendable {
        /// A new access-token key signs from now on; the old one stays published until its tokens expire.
        case rotate
    }

    /// RFC 7592: the client configuration endpoint of client `id` (its `registration_client_uri`, below ``register``).
    public static func clientConfiguration(_ id: String) -> String { register.path + "/" + id }

    /// The admin API's path of a key action.
    public static func keys(_ action: KeyAction) -> String { keys.path + "/" + action.rawValue }
}
