import DCR
import Hummingbird

/// `/.well-known/oauth-authorization-server` (RFC 8414) and `/.well-known/jwks.json`.
struct DiscoveryController {
    let server: AuthorizationServer

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.get("oauth-authorization-server") { request, _ in
            Responses.json(server.metadata(baseURL: Responses.baseURL(request)))
        }
        group.get("jwks.json") { _, _ in
            do throws(DCRError) { return Responses.json(try server.keys.jwks(), contentType: "application/jwk-set+json") } catch {
                return Responses.failure(error, profile: server.configuration.profile)
            }
        }
    }
}
