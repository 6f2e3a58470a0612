import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// What went wrong reaching a server, in words: `could not connect to http://127.0.0.1:1 (connection refused)`
/// rather than the transport's own error dump.
enum ConnectionFailure {
    /// The message for `error`, raised by `method url` (already redacted).
    static func describe(_ error: any Error, method: String, url: String, origin: String) -> String {
        if let reason = connectReason(error) { return "could not connect to \(origin) (\(reason))" }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "\(method) \(url): no answer in time"
            case .remoteConnectionClosed: return "\(method) \(url): the server closed the connection"
            default: break
            }
        }
        if let error = error as? IOError { return "\(method) \(url): \(reason(errno: error.errnoCode))" }
        return "\(method) \(url): \(error)"
    }

    /// Why a connection could not be made, when that is what `error` says.
    private static func connectReason(_ error: any Error) -> String? {
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return connectReason(failure.error) ?? "\(failure.error)" }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name does not resolve" }
            return "no address to connect to"
        }
        if let error = error as? IOError, [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT].contains(error.errnoCode) {
            return reason(errno: error.errnoCode)
        }
        if let error = error as? HTTPClientError, error == .connectTimeout { return "timed out" }
        if let error = error as? ChannelError, case .connectTimeout = error { return "timed out" }
        if let error = error as? SocketAddressError, case .unknown(let host, _) = error { return "\(host) does not resolve" }
        return nil
    }

    private static func reason(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case EHOSTUNREACH: "no route to the host"
        case ENETUNREACH: "the network is unreachable"
        case ETIMEDOUT: "timed out"
        case ECONNRESET: "the connection was reset"
        case EPIPE: "the connection was closed"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
