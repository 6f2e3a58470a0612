import DCR
import Hummingbird
import Logging

/// Records every request the server handles as a usage event, throttled and failed ones included.
struct UsageRecordingMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext
    let database: DCRDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let status: Int
        let outcome: Result<Response, any Error>
        do {
            let response = try await next(request, context)
            status = response.status.code
            outcome = .success(response)
        } catch let error as any HTTPResponseError {
            status = error.status.code
            outcome = .failure(error)
        } catch {
            status = 500
            outcome = .failure(error)
        }
        let facts = context.usage.facts
        let event = UsageEvent(endpoint: Self.endpoint(request.uri.path), method: request.method.rawValue, status: status,
                               clientID: facts.clientID, applicationID: facts.applicationID, applicationName: facts.applicationName,
                               platform: facts.platform, ip: context.clientIP(request))
        do { try database.record(event) } catch {
            context.logger.error("could not record a usage event", metadata: ["reason": "\(error)"])
        }
        return try outcome.get()
    }

    /// The endpoint as reports group it: the route, without ids or report dimensions (and never a query string).
    static func endpoint(_ path: String) -> String {
        if path.hasPrefix("/cmu/") { return "/cmu/v2" }
        if path.hasPrefix("/admin/") { return "/admin/applications" }
        if path.hasPrefix("/.well-known/") || path.hasPrefix("/o/client/") { return path }
        return "other"
    }
}
