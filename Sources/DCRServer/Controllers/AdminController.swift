import DCR
import Hummingbird
import JOSE

/// The dashboard's admin API, `/admin/applications…`, behind the admin token: create, list, show, revoke applications
/// and mint software statements for them.
struct AdminController {
    let server: AuthorizationServer

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.getAndHead(use: list)
        group.post(use: create)
        group.getAndHead(":id", use: show)
        group.post(RouterPath(":id/" + DCRRoute.ApplicationAction.statement.rawValue), use: statement)
        group.post(RouterPath(":id/" + DCRRoute.ApplicationAction.revoke.rawValue), use: revoke)
    }

    var profile: ServerProfile { server.configuration.profile }

    @Sendable func list(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            return Responses.json(.object([("applications", .array(try await server.catalog.list().map(\.json)))]))
        } catch { return Responses.failure(error, profile: profile) }
    }

    @Sendable func create(_ request: Request, context: DCRRequestContext) async throws -> Response {
        var request = request
        let json = (try? await request.collectBody(upTo: 64 * 1024)).flatMap { try? JSONValue.parse(Array(buffer: $0)) } ?? .null
        do throws(DCRError) {
            let application = try await server.catalog.create(try NewApplication(requestBody: json))
            return Responses.json(application.json, status: .created)
        } catch { return Responses.failure(error, profile: profile) }
    }

    @Sendable func show(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            return Responses.json(try await server.catalog.require(try id(context)).json)
        } catch { return Responses.failure(error, profile: profile) }
    }

    @Sendable func statement(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let statement = try await server.catalog.mintStatement(for: try id(context))
            return Responses.json(.object([("software_statement", .string(statement))]), status: .created, noStore: true)
        } catch { return Responses.failure(error, profile: profile) }
    }

    @Sendable func revoke(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            return Responses.json(try await server.catalog.revoke(try id(context)).json)
        } catch { return Responses.failure(error, profile: profile) }
    }

    private func id(_ context: DCRRequestContext) throws(DCRError) -> String {
        guard let id = context.parameters.get("id") else { throw DCRError.badRequest("an application id is required") }
        return id
    }
}
