import AsyncHTTPClient
import DCR
import Foundation
import JOSE
import NIOCore

/// An HTTP answer.
public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Talks to a DCR server over HTTP (AsyncHTTPClient). A 429 is waited out — `Retry-After` seconds, at least one —
/// up to five times, each wait reported through `notice`; nothing else is retried here. Every request carries
/// `userAgent`; register and token requests carry `deviceInfo` as `X-Device-Info` (the register and token pages ask
/// for both).
public struct DCRHTTPClient: Sendable {
    public static let maximumThrottleRetries = 5
    public let notice: @Sendable (String) -> Void
    /// `User-Agent` for every request (e.g. `jwstool/0.1.0`), unless a request gives its own.
    public let userAgent: String?
    /// The `X-Device-Info` value for register and token requests.
    public let deviceInfo: String?

    public init(userAgent: String? = nil, deviceInfo: String? = nil, notice: @escaping @Sendable (String) -> Void = { _ in }) {
        self.userAgent = userAgent
        self.deviceInfo = deviceInfo
        self.notice = notice
    }

    /// Sends a request, waiting out throttling unless `waitingOutThrottling` is false.
    public func send(_ method: String, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
                     waitingOutThrottling: Bool = true) async throws(ClientError) -> HTTPReply {
        var attempt = 0
        while true {
            let reply = try await sendOnce(method, url, headers: headers, body: body)
            guard reply.status == 429, waitingOutThrottling else { return reply }
            attempt += 1
            guard attempt <= DCRHTTPClient.maximumThrottleRetries else {
                throw ClientError.unreachable("\(url) is still throttling (429) after \(DCRHTTPClient.maximumThrottleRetries) retries")
            }
            // The server's number, kept to 1…60 s: `Retry-After: 9223372036854775807` must neither hang nor overflow.
            let wait = min(max(1, Int(reply.header("Retry-After")?.trimmingCharacters(in: .whitespaces) ?? "") ?? 1), 60)
            notice("throttled (429) by \(Self.origin(url)); waiting \(wait)s, retry \(attempt) of \(DCRHTTPClient.maximumThrottleRetries)")
            try? await Task.sleep(for: .seconds(wait))
        }
    }

    private func sendOnce(_ method: String, _ url: String, headers: [(String, String)], body: [UInt8]?) async throws(ClientError) -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let userAgent, !request.headers.contains(name: "User-Agent") { request.headers.add(name: "User-Agent", value: userAgent) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let collected = try await response.body.collect(upTo: 16 << 20)
            return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: collected))
        } catch {
            throw ClientError.unreachable(ConnectionFailure.describe(error, method: method, url: Self.redacted(url), origin: Self.origin(url)))
        }
    }

    /// An RFC 7592 request to a `registration_client_uri` with its registration access token: the JSON answer (nil for
    /// a `DELETE`'s 204).
    public func clientConfiguration(_ method: String, _ uri: String, token: String, body: JSONValue? = nil) async throws(ClientError) -> JSONValue? {
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let reply = try await send(method, uri, headers: headers, body: body?.serialized())
        if method == "DELETE" {
            guard reply.status == 204 || reply.status == 200 else { throw Self.refusal(reply, url: uri) }
            return nil
        }
        return try Self.json(reply, expecting: [200], from: "client configuration", url: uri)
    }

    /// `POST /o/client/register`: the RFC 7591 response on 201. `deviceInfo` replaces the client's own for this request.
    public func register(server: String, statement: String, redirectURI: String?, deviceInfo: String? = nil) async throws(ClientError) -> JSONValue {
        var members: [(String, JSONValue)] = [("software_statement", .string(statement))]
        if let redirectURI { members.append(("redirect_uri", .string(redirectURI))) }
        var headers = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let device = deviceInfo ?? self.deviceInfo { headers.append((DeviceInfo.headerName, device)) }
        let url = server + DCRRoute.register.path
        let reply = try await send("POST", url, headers: headers, body: JSONValue.object(members).serialized())
        return try Self.json(reply, expecting: [201, 200], from: "registration", url: url)
    }

    /// `POST /o/client/token` with `client_credentials` (201 from the service, 200 from RFC servers).
    /// `POST /o/client/token` (client_credentials): the token, its lifetime in seconds and the granted scope if given.
    public func token(server: String, clientID: String, clientSecret: String) async throws(ClientError) -> (token: String, expiresIn: Int, scope: String?) {
        let form = "grant_type=client_credentials&client_id=\(clientID.formURLEncoded)&client_secret=\(clientSecret.formURLEncoded)"
        var headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
        if let deviceInfo { headers.append((DeviceInfo.headerName, deviceInfo)) }
        let url = server + DCRRoute.token.path
        let reply = try await send("POST", url, headers: headers, body: Array(form.utf8))
        let json = try Self.json(reply, expecting: [200, 201], from: "token request", url: url)
        guard let token = json["access_token"]?.stringValue, !token.isEmpty else {
            throw ClientError.refused(status: reply.status, code: "invalid_response", description: "the token response from \(url) has no access_token")
        }
        // The server's lifetime (an hour when it gives none), kept to 0…1 day: a token is never cached for longer.
        // `scope` per RFC 6749 §5.1 (a space-separated string); the service's own tokens carry `scopes` (a list or a
        // comma-separated string) — either is passed on as a string.
        let scope = json["scope"]?.stringValue ?? json["scopes"].flatMap { $0.stringValue ?? ($0.kind == .array ? $0.elements.compactMap(\.stringValue).joined(separator: " ") : nil) }
        return (token, Int(min(max(json["expires_in"]?.integerValue ?? 3600, 0), 86_400)), scope)
    }

    /// The JSON body of a successful reply, else the server's OAuth error as `.refused`, naming `url`.
    static func json(_ reply: HTTPReply, expecting statuses: Set<Int>, from what: String, url: String) throws(ClientError) -> JSONValue {
        guard statuses.contains(reply.status) else { throw refusal(reply, url: url) }
        guard let json = try? JSONValue.parse(reply.body), json.isObject else {
            throw ClientError.refused(status: reply.status, code: "invalid_response", description: "the \(what) answer from \(Self.redacted(url)) is not a JSON object")
        }
        return json
    }

    /// The server's refusal in `reply` (its OAuth error or the service's `code`/`message`, else the status and text),
    /// naming `url`.
    static func refusal(_ reply: HTTPReply, url: String) -> ClientError {
        let json = try? JSONValue.parse(reply.body)
        let code = json?["error"]?.stringValue ?? json?["code"]?.stringValue ?? "http_\(reply.status)"
        let description = json?["error_description"]?.stringValue ?? json?["message"]?.stringValue ?? String(reply.text.prefix(200))
        return ClientError.refused(status: reply.status, code: code, description: "\(description) (\(Self.redacted(url)))")
    }

    /// A URL for messages: scheme, host, port and path, never the query or user info (which may hold credentials).
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil else { return origin(url) }
        components.query = nil
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.string ?? origin(url)
    }

    /// `scheme://host:port` of a URL, for messages (never the path or query, which may hold credentials).
    static func origin(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return "the server" }
        return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
    }
}
