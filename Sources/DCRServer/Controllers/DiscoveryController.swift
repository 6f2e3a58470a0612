import DCR
import Hummingbird

/// `/.well-known/oauth-authorization-server` (RFC 8414) and `/.well-known/jwks.json`.
///
/// Endpoint URLs come from the configured public URL, else the address the server is bound to; never from `Host` or
/// `X-Forwarded-Proto`, which any client can set.
struct DiscoveryController {
    let server: AuthorizationServer
    let address: BoundAddress

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.getAndHead(RouterPath(DCRRoute.authorizationServerMetadata.path(below: DCRRoute.wellKnownPrefix))) { _, _ in
            Responses.json(server.metadata(baseURL: server.configuration.publicURL ?? address.url))
        }
        group.getAndHead(RouterPath(DCRRoute.jwks.path(below: DCRRoute.wellKnownPrefix))) { _, _ in
            do throws(DCRError) { return Responses.json(try await server.keys.jwks(), contentType: "application/jwk-set+json") } catch {
                return Responses.failure(error, profile: server.configuration.profile)
            }
        }
    }
}
