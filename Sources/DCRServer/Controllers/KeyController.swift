import DCR
import Hummingbird
import JOSE

/// The admin API's keys, `/admin/keys…`, behind the admin token: the signing keys (public facts only) and rotation of
/// the access-token key.
struct KeyController {
    let server: AuthorizationServer

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.getAndHead(use: list)
        group.post(RouterPath(DCRRoute.KeyAction.rotate.rawValue), use: rotate)
    }

    @Sendable func list(_ request: Request, context: DCRRequestContext) async throws -> Response {
        Responses.json(await server.keys.summary())
    }

    @Sendable func rotate(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let retired = try await server.keys.tokenKeys.rotate().retired
            context.logger.notice("token key rotated", metadata: ["retired": "\(retired.key.id ?? "")"])
            return Responses.json(await server.keys.summary())
        } catch { return Responses.failure(error, profile: server.configuration.profile) }
    }
}
