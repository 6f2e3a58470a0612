import DCR
import Hummingbird
import Logging

/// Records every request the server handles as a usage event, throttled and failed ones included.
struct UsageRecordingMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext
    let usage: UsageLog
    let addresses: ClientAddressResolver

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
        let event = UsageEvent(endpoint: Self.endpoint(request.uri.path), method: Self.method(request.method), status: status,
                               clientID: facts.clientID, applicationID: facts.applicationID, applicationName: facts.applicationName,
                               platform: facts.platform, ip: context.clientIP(request, resolver: addresses))
        do { try await usage.record(event) } catch {
            context.logger.error("could not record a usage event", metadata: ["reason": "\(error)"])
        }
        return try outcome.get()
    }

    /// The endpoint as reports group it: one of the server's routes, without ids or report dimensions (and never a
    /// query string); any other path is "other", so a client cannot store text of its choosing.
    static func endpoint(_ path: String) -> String {
        if let route = DCRRoute.allCases.first(where: { $0.covers(path) }) { return route.path }
        return "other"
    }

    /// The method as reports group it: a standard one, else `OTHER` (extension methods are text of the client's choosing).
    static func method(_ method: HTTPRequest.Method) -> String {
        [.get, .head, .post, .put, .patch, .delete, .options].contains(method) ? method.rawValue : "OTHER"
    }
}
