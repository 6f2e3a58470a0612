import DCR
import Hummingbird

/// Per-IP token buckets on registration and token requests: over the limit, 429 with `Retry-After`.
struct ThrottleMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext
    let limiter: any RequestThrottling
    let addresses: ClientAddressResolver
    let profile: ServerProfile

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do throws(DCRError) {
            if let retryAfter = try await limiter.admit(context.clientIP(request, resolver: addresses), at: nil) {
                return Responses.throttled(retryAfter: retryAfter)
            }
        } catch {
            return Responses.failure(error, profile: profile)
        }
        return try await next(request, context)
    }
}
