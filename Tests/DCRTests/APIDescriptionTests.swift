@testable import DCR
import DCRClient
@testable import DCRServer
import Foundation
import Hummingbird
import JOSE
import Testing

/// `/openapi.json` against the router: the one description of the API must name every route the server answers (the
/// web UI's pages aside: they are HTML for browsers) and every operation it names must be served.
@Suite("the OpenAPI document and the routes")
struct APIDescriptionTests {
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// `METHOD /path` with `{name}` for captures and `**` for the report API's dimensions.
    struct Operation: Hashable, CustomStringConvertible {
        let method: String, path: String
        var description: String { "\(method.uppercased()) \(path)" }
    }

    @Test("every route served is documented (or answers 405), every documented operation is served")
    func routesMatchTheDocument() async throws {
        let server = try await TestServer.start(.sqlite) {
            $0.profile = .rfc  // RFC 7592's routes are registered
            $0.rate = 10_000
            $0.burst = 10_000
        }
        defer { Task { await server.stop() } }
        let reply = try await server.get(DCRRoute.openAPI.path)
        #expect(reply.status == 200 && reply.header("Content-Type") == "application/json")
        let document = try JSONValue.parse(reply.body)
        #expect(document["openapi"]?.stringValue == "3.1.0")
        var documented = Set<Operation>()
        for (path, item) in document["paths"]?.members ?? [] {
            for method in Self.methods where item[method] != nil {
                // The report API takes any number of dimensions; the document spells out the first few.
                documented.insert(Operation(method: method, path: path.hasPrefix(DCRRoute.reports.path + "/") ? DCRRoute.reports.path + "/**" : path))
            }
        }
        let router = DCRHTTPServer.router(for: server.server)
        let served = Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            return Operation(method: route.method.rawValue.lowercased(), path: "/" + path)
        })
        #expect(!served.isEmpty && !documented.isEmpty)
        for operation in documented { #expect(served.contains(operation), "documented, not served: \(operation)") }
        for operation in served where !operation.path.hasPrefix(DCRRoute.uiPrefix + "/") && operation.path != DCRRoute.uiPrefix {
            if documented.contains(operation) { continue }
            if operation.method == "head", documented.contains(Operation(method: "get", path: operation.path)) { continue }
            // Registered only to refuse: it must answer 405.
            let concrete = operation.path.replacingOccurrences(of: "**", with: "year")
                .replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
            let answer = try await server.http.send(operation.method.uppercased(), server.base + concrete, waitingOutThrottling: false)
            #expect(answer.status == 405, "served, not documented: \(operation) answers \(answer.status)")
        }
    }

    @Test("the document names what the server does: its security schemes, the device header, both error bodies")
    func documentContents() throws {
        let document = try JSONValue.parse(APIDescriptionController.document)
        let components = try #require(document["components"])
        #expect(components["securitySchemes"]?.memberNames.sorted() == ["accessToken", "adminToken", "clientSecretBasic", "clientSecretPost", "registrationAccessToken"])
        #expect(components["schemas"]?["OAuthError"] != nil && components["schemas"]?["EnhancedError"] != nil)
        #expect(components["parameters"]?["DeviceInfo"]?["name"]?.stringValue == DeviceInfo.headerName)
        #expect(document["paths"]?[DCRRoute.register.path]?["post"]?["parameters"] != nil)
    }
}
