import Foundation
import DCR
import Hummingbird

/// `GET /cmu/v2/<dim>/…`: usage reports behind a bearer token (`Authorization: Bearer` or `access_token=`).
struct ReportController {
    let server: AuthorizationServer

    func addRoutes(to router: Router<DCRRequestContext>) {
        router.get("cmu/v2", use: report)
        router.get("cmu/v2/**", use: report)
        for method in [HTTPRequest.Method.head, .options, .post, .put, .delete, .patch] {
            router.on("cmu/v2", method: method, use: methodNotAllowed)
            router.on("cmu/v2/**", method: method, use: methodNotAllowed)
        }
    }

    @Sendable func methodNotAllowed(_ request: Request, context: DCRRequestContext) async throws -> Response {
        Responses.text("the report API answers GET only\n", status: .methodNotAllowed, headers: [.allow: "GET"])
    }

    @Sendable func report(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let scope = try reportScope(request.bearerToken(), context: context)
            let path = request.uri.path
            let segments = path.dropFirst("/cmu/v2".count).split(separator: "/").map(String.init)
            let query = try ReportQuery(segments: segments, query: request.uri.query ?? "", accept: request.headers[.accept])
            let rows = try server.reports.run(query, scope: scope)
            switch query.format {
            case .csv:
                return Responses.text(ReportEngine.csv(rows, query: query), status: .ok, contentType: "text/csv; charset=utf-8")
            case .json:
                let publicQuery = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("access_token=") }.joined(separator: "&")
                return Responses.json(ReportEngine.json(rows, query: query, base: "/cmu/v2", queryString: publicQuery))
            }
        } catch {
            return Responses.failure(error, profile: server.configuration.profile)
        }
    }

    /// What the bearer may read: everything with the admin token, else what its access token's scope grants.
    private func reportScope(_ token: String, context: DCRRequestContext) throws(DCRError) -> ReportScope {
        if server.adminToken.accepts(token) { return .allApplications }
        let access = try server.bearer.validate(token)
        context.usage.set(clientID: access.clientID, applicationID: access.applicationID, applicationName: access.applicationName, platform: access.platform)
        return try ReportScope.granted(to: access)
    }
}
