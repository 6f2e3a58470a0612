import Foundation
import JOSE

/// A PostgreSQL connection URL, `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`
/// (libpq's form; `postgresql://` too). Percent-escapes in the user, password and database are decoded. The password
/// never appears in ``redacted``, which is what messages and logs show.
public struct DatabaseURL: Sendable, Equatable {
    /// How the connection is encrypted (libpq's `sslmode` names).
    public enum TLSMode: String, Sendable {
        /// Plain TCP (loopback, or a network you trust).
        case disable
        /// TLS when the server offers it, else plain TCP.
        case prefer
        /// TLS, with the server's certificate verified against the system's trust store.
        case require
    }

    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let tls: TLSMode

    /// Reads `text`; the default `sslmode` is `disable` for a loopback host and `require` otherwise.
    public init(_ text: String) throws(DCRError) {
        func refuse(_ why: String) -> DCRError {
            DCRError.badRequest("database URL \(DatabaseURL.redact(text)): \(why) (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else { throw refuse("not a postgres:// URL") }
        guard let host = components.host, !host.isEmpty else { throw refuse("no host") }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else { throw refuse("no user") }
        let database = String(components.path.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw refuse("no database name") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw refuse("the port must be from 1 to 65535") }
        var tls: TLSMode = LoopbackHost.contains(host) ? .disable : .require
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw refuse("unknown parameter \(item.name)\(item.value.map { "=\($0)" } ?? ""); only sslmode=disable|prefer|require is understood")
            }
            tls = mode
        }
        for part in [user, database, host] where part.containsControlCharacters { throw refuse("control characters") }
        self.user = user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// The URL without its password: `postgres://jwstool@db.example:5432/dcr`.
    public var redacted: String { "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// `text` with anything between `://` and `@` after a `:` replaced, for messages about a URL that did not parse.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
