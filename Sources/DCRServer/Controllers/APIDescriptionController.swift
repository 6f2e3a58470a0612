import DCR
import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 description of every API route (the document in `Embedded/openapi.json`, part
/// of the binary; a test fails when a route is undocumented or a documented one is not served).
struct APIDescriptionController {
    static let document = EmbeddedFiles.files["openapi.json"] ?? "{}"

    func addRoutes(to router: Router<DCRRequestContext>) {
        router.getAndHead(RouterPath(DCRRoute.openAPI.path)) { _, _ in
            Responses.text(Self.document, status: .ok, contentType: "application/json", headers: [.cacheControl: "no-cache"])
        }
    }
}
