import DCR
import Foundation
import JOSE

/// A DCR server's admin API (`/admin/applications`, `/admin/keys`), authenticated with its admin token: what `jwstool app --server`
/// uses. Answers are the API's JSON; a refusal is ``ClientError/refused(status:code:description:)`` with the
/// server's text.
public struct AdminClient: Sendable {
    public let baseURL: String
    private let token: String
    private let http: DCRHTTPClient

    public init(baseURL: String, token: String, http: DCRHTTPClient) {
        self.baseURL = baseURL
        self.token = token
        self.http = http
    }

    /// Creates an application; its JSON.
    public func create(_ application: NewApplication) async throws(ClientError) -> JSONValue {
        try await send("POST", DCRRoute.applications.path, body: application.requestBody)
    }

    /// `{"applications": […]}`.
    public func list() async throws(ClientError) -> JSONValue { try await send("GET", DCRRoute.applications.path) }

    /// Application `id`'s JSON.
    public func show(_ id: String) async throws(ClientError) -> JSONValue { try await send("GET", DCRRoute.application(id)) }

    /// A fresh statement for application `id`: `{"software_statement": …}`.
    public func mintStatement(for id: String) async throws(ClientError) -> JSONValue {
        try await send("POST", DCRRoute.application(id, .statement))
    }

    /// Revokes application `id`; its JSON.
    public func revoke(_ id: String) async throws(ClientError) -> JSONValue { try await send("POST", DCRRoute.application(id, .revoke)) }

    /// The server's signing keys (ids and dates).
    public func keys() async throws(ClientError) -> JSONValue { try await send("GET", DCRRoute.keys.path) }

    /// Rotates the server's access-token key; the keys afterwards.
    public func rotateKeys() async throws(ClientError) -> JSONValue { try await send("POST", DCRRoute.keys(.rotate)) }

    private func send(_ method: String, _ path: String, body: JSONValue? = nil) async throws(ClientError) -> JSONValue {
        var headers = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let reply = try await http.send(method, baseURL + path, headers: headers, body: body?.serialized())
        guard (200...299).contains(reply.status) else {
            throw ClientError.refused(status: reply.status, code: "admin API", description:
                "\(DCRHTTPClient.redacted(baseURL + path)): \(reply.text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        do { return try JSONValue.parse(reply.body) } catch {
            throw ClientError.unreachable("the admin API answered with something that is not JSON: \(error)")
        }
    }
}
