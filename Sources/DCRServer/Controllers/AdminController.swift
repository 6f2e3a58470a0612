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
        group.post(":id/statement", use: statement)
        group.post(":id/revoke", use: revoke)
    }

    var profile: ServerProfile { server.configuration.profile }

    @Sendable func list(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            return Responses.json(.object([("applications", .array(try await server.catalog.list().map(\.json)))]))
        } catch { return Responses.failure(error, profile: profile) }
    }

    @Sendable func create(_ request: Request, context: DCRRequestContext) async throws -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024), let json = try? JSONValue.parse(Array(buffer: body)), json.isObject else {
            return Responses.failure(.badRequest("the body must be a JSON object: {\"name\": …, \"version\", \"platforms\", \"domains\", \"scopes\"}"), profile: profile)
        }
        do throws(DCRError) {
            func strings(_ name: String) throws(DCRError) -> [String] {
                guard let value = json[name] else { return [] }
                guard value.kind == .array, value.elements.allSatisfy({ $0.kind == .string }) else { throw DCRError.badRequest("\(name) must be an array of strings") }
                return value.elements.compactMap(\.stringValue)
            }
            guard let name = json["name"]?.stringValue else { throw DCRError.badRequest("name is required (a string)") }
            let application = try await server.catalog.create(NewApplication(
                name: name, version: json["version"]?.stringValue ?? "1.0.0", platforms: try strings("platforms"),
                domains: try strings("domains"), scopes: try strings("scopes"), id: json["id"]?.stringValue))
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
