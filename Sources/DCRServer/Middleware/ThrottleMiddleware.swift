import DCR
import Hummingbird

/// Per-IP token buckets on registration and token requests: over the limit, 429 with `Retry-After`.
struct ThrottleMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext
    let limiter: RequestThrottle
    let addresses: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let retryAfter = limiter.admit(context.clientIP(request, resolver: addresses)) {
            return Responses.throttled(retryAfter: retryAfter)
        }
        return try await next(request, context)
    }
}
