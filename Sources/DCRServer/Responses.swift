import DCR
import Foundation
import HTTPTypes
import Hummingbird
import JOSE

/// Building the server's responses. JSON bodies come from `JSONValue` (jansson).
enum Responses {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, noStore: Bool = false, contentType: String = "application/json") -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if noStore {
            headers[.cacheControl] = "no-store"
            headers[.pragma] = "no-cache"
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }

    static func text(_ text: String, status: HTTPResponse.Status, contentType: String = "text/plain; charset=utf-8", headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// An OAuth error: `{"error", "error_description"}`, status by profile, never cached.
    static func oauthError(_ code: OAuthErrorCode, _ description: String, profile: ServerProfile) -> Response {
        var response = json(.object([("error", .string(code.rawValue)), ("error_description", .string(description))]),
                            status: HTTPResponse.Status(code: profile.status(for: code)), noStore: true)
        if code == .invalidClient && profile.challengesInvalidClient {
            response.headers[.wwwAuthenticate] = #"Basic realm="jwstool", error="invalid_client""#
        }
        return response
    }

    /// 429 as the service sends it: a small HTML page and `Retry-After`.
    static func throttled(retryAfter: Int) -> Response {
        text("<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>\n",
             status: .tooManyRequests, contentType: "text/html; charset=utf-8", headers: [.retryAfter: String(retryAfter)])
    }

    /// 401 on a protected API: `WWW-Authenticate: Bearer error="invalid_token"` and the service's enhanced-error body.
    static func invalidToken(_ description: String) -> Response {
        enhancedError(status: .unauthorized, code: "invalid_access_token_client_application", bearerError: "invalid_token",
                      action: "application-registration", description)
    }

    /// 403 on a protected API: the token is valid but its application lacks the scope (RFC 6750 §3.1).
    static func insufficientScope(_ description: String) -> Response {
        enhancedError(status: .forbidden, code: "insufficient_scope", bearerError: "insufficient_scope", action: "configuration", description,
                      scope: ReportScope.ownUsage)
    }

    /// The service's enhanced-error body with a `WWW-Authenticate: Bearer` challenge.
    private static func enhancedError(status: HTTPResponse.Status, code: String, bearerError: String, action: String, _ description: String,
                                      scope: String? = nil) -> Response {
        let body: JSONValue = .object([
            ("status", .integer(Int64(status.code))), ("code", .string(code)), ("message", .string(description)),
            ("action", .string(action)), ("trace", .string(UUID().uuidString.lowercased())),
        ])
        var response = json(body, status: status)
        let quoted = description.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "'")
        let scopeParameter = scope.map { #", scope="\#($0)""# } ?? ""
        response.headers[.wwwAuthenticate] = #"Bearer error="\#(bearerError)", error_description="\#(quoted)"\#(scopeParameter)"#
        return response
    }

    /// The response for a `DCRError` outside the OAuth endpoints (admin, reports).
    static func failure(_ error: DCRError, profile: ServerProfile) -> Response {
        switch error {
        case .oauth(.invalidToken, let text): return invalidToken(text)
        case .oauth(.insufficientScope, let text): return insufficientScope(text)
        case .oauth(let code, let text): return oauthError(code, text, profile: profile)
        case .throttled(let seconds): return throttled(retryAfter: seconds)
        case .notFound(let text): return self.text(text + "\n", status: .notFound)
        case .badRequest(let text): return self.text(text + "\n", status: .badRequest)
        case .notAcceptable(let text): return self.text(text + "\n", status: .notAcceptable)
        case .unauthorized(let text):
            return self.text(text + "\n", status: .unauthorized, headers: [.wwwAuthenticate: #"Bearer realm="jwstool admin""#])
        case .storage(let text): return self.text("internal error: \(text)\n", status: .internalServerError)
        // Which database, and why, is for the server's log, not the client.
        case .unavailable(_, let seconds):
            return self.text("the server's database did not answer; retry later\n", status: .serviceUnavailable, headers: [.retryAfter: String(seconds)])
        }
    }
}

extension Request {
    /// The parameters of the query string and, for a form body, of the body: each name with every value.
    func parameters(formBody: ByteBuffer?) -> [String: [String]] {
        var parameters: [String: [String]] = [:]
        func add(_ text: Substring) {
            for pair in text.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).formURLDecoded ?? String(parts[0])
                let value = parts.count > 1 ? String(parts[1]).formURLDecoded ?? String(parts[1]) : ""
                parameters[name, default: []].append(value)
            }
        }
        add(Substring(uri.query ?? ""))
        if let formBody { add(Substring(String(buffer: formBody))) }
        return parameters
    }
}

extension Result {
    /// The error of a failed result.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
