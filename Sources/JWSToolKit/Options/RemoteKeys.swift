import FoundationEssentials
import JOSE
import Synchronization

/// Something that can GET a URL: registered by `jwstool-dcr`, which has the HTTP client (`jwstool` itself stays
/// free of the network stack and hands runs with `--jwks-url` or `--oidc-issuer` to it).
package protocol RemoteFetcher: Sendable {
    /// GETs `url` with `headers`; returns the status, the response headers and the body.
    func get(_ url: String, headers: [(String, String)]) throws -> (status: Int, headers: [(String, String)], body: [UInt8])
}

/// Keys from where issuers publish them — a JWK Set URL, or an issuer's discovery document's `jwks_uri` — with an
/// on-disk cache that honours `Cache-Control: max-age`/`no-store` and revalidates with `ETag`, and an offline mode.
/// The URL always comes from the user, never from a token; it must be https, or http to this machine.
package enum RemoteKeys {
    package static let fetcher = Mutex<(any RemoteFetcher)?>(nil)

    /// The cache directory: `$JWSTOOL_CACHE_DIR`, else `$XDG_CACHE_HOME/jwstool`, else `~/.cache/jwstool`.
    static var cacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["JWSTOOL_CACHE_DIR"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? ".") + "/.cache"
        return base + "/jwstool"
    }

    /// The keys of the JWK Set at `url`.
    static func keys(jwksURL url: String, offline: Bool) throws -> [Key] {
        let bytes = try fetch(url, what: "--jwks-url", offline: offline)
        do { return try KeySet(jwks: try JSONValue.parse(bytes)).keys } catch {
            throw CLIFailure(.usage, "--jwks-url \(url): not a JWK Set: \(error)")
        }
    }

    /// The keys of an issuer: its OpenID Connect discovery document (`/.well-known/openid-configuration`, else RFC 8414
    /// `/.well-known/oauth-authorization-server`) names the `jwks_uri`.
    static func keys(issuer: String, offline: Bool) throws -> [Key] {
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        var document: JSONValue? = nil
        var reasons: [String] = []
        for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"] {
            do {
                document = try JSONValue.parse(try fetch(base + path, what: "--oidc-issuer", offline: offline))
                break
            } catch { reasons.append("\(error)") }
        }
        guard let document else { throw CLIFailure(.usage, "--oidc-issuer \(issuer): no discovery document (\(reasons.joined(separator: "; ")))") }
        guard let jwksURI = document["jwks_uri"]?.stringValue else {
            throw CLIFailure(.usage, "--oidc-issuer \(issuer): the discovery document names no jwks_uri")
        }
        return try keys(jwksURL: jwksURI, offline: offline)
    }

    /// The body at `url`: from the cache while it is fresh (or at all, offline), else fetched — revalidated with the
    /// cached `ETag` — and cached as `Cache-Control` allows.
    static func fetch(_ url: String, what option: String, offline: Bool) throws -> [UInt8] {
        try checkURL(url, option: option)
        let path = try cachePath(for: url)
        let cached = (try? Files.read(path, what: "cache entry")).flatMap { try? JSONValue.parse($0) }
        let now = NumericDate.now.secondsSinceEpoch
        let cachedBody = cached?["body"]?.stringValue.flatMap { try? Base64URL.decode($0) }
        if let cached, let body = cachedBody, let expires = cached["expires_at"]?.numberValue {
            if now < expires { return body }
            if offline {
                Terminal.note("jwstool: \(url): using the cached copy from \(NumericDate(cached["fetched_at"]?.numberValue ?? 0)) (--offline; it is stale)")
                return body
            }
        }
        if offline { throw CLIFailure(.usage, "\(option) \(url): nothing cached, and --offline forbids fetching it") }
        guard let fetcher = fetcher.withLock({ $0 }) else {
            throw CLIFailure(.usage, "\(option) needs jwstool-dcr beside jwstool (it fetches over the network)")
        }
        var headers = [("Accept", "application/json")]
        if let etag = cached?["etag"]?.stringValue, cachedBody != nil { headers.append(("If-None-Match", etag)) }
        let reply = try fetcher.get(url, headers: headers)
        let header = { (name: String) in reply.headers.first { $0.0.lowercased() == name }?.1 }
        let control = (header("cache-control") ?? "").lowercased().split(separator: ",").map { String($0.drop { $0 == " " }) }
        // delta-seconds are digits (RFC 9111 §1.2.2): anything else (`nan`, `1e308`, `-5`) is no max-age; at most a day.
        let maxAge = control.compactMap { directive -> Double? in
            let value = directive.dropFirst("max-age=".count)
            guard directive.hasPrefix("max-age="), !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return value.count > 5 ? 86_400 : min(Double(value) ?? 0, 86_400)
        }.first ?? 0
        let body: [UInt8]
        switch reply.status {
        case 304 where cachedBody != nil: body = cachedBody ?? []
        case 200: body = reply.body
        default: throw CLIFailure(.remote, "\(option) \(url): the server answered \(reply.status)")
        }
        if !control.contains("no-store") {
            let entry: JSONValue = .object([
                ("url", .string(url)), ("fetched_at", .integer(Int64(now))), ("expires_at", .integer(Int64(now + maxAge))),
                ("etag", header("etag").map { .string($0) } ?? (reply.status == 304 ? cached?["etag"] ?? .null : .null)),
                ("body", .string(Base64URL.encode(body))),
            ])
            try? FileManager.default.createDirectory(atPath: cacheDirectory + "/jwks", withIntermediateDirectories: true)
            try? Files.write(entry.serialized(), to: path, mode: Files.privateMode, overwrite: true)
        }
        return body
    }

    /// https, or http to this machine (127.0.0.0/8, ::1, localhost) — a key source must not be readable or
    /// replaceable on the way.
    static func checkURL(_ url: String, option: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty else {
            throw CLIFailure(.usage, "\(option) \(Terminal.shown(url)): not an absolute URL")
        }
        guard scheme == "https" || (scheme == "http" && LoopbackHost.contains(host)) else {
            throw CLIFailure(.usage, "\(option) \(url): keys are fetched over https only (http only to this machine)")
        }
    }

    private static func cachePath(for url: String) throws -> String {
        let digest = try Digest.sha256.hash(Array(url.utf8))
        return cacheDirectory + "/jwks/" + Hex.encode(digest) + ".json"
    }
}
