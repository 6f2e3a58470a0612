/// Why a client operation failed. The CLI maps these to exit status 3 (refused, unreachable) or 2 (local).
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error (`status`, the OAuth `error` code, its description).
    case refused(status: Int, code: String, description: String)
    /// The server could not be reached, or kept throttling.
    case unreachable(String)
    /// Nothing cached to work with (no registration for this server and software id).
    case notRegistered(String)
    /// A local problem (the credential store).
    case local(String)

    public var description: String {
        switch self {
        case .refused(let status, let code, let description): "the server refused (\(status) \(code)): \(description)"
        case .unreachable(let reason): reason
        case .notRegistered(let reason), .local(let reason): reason
        }
    }
}
