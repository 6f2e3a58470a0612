import Hummingbird
import HTTPTypes

/// The headers every web UI response carries, whatever its status: a Content-Security-Policy that lets a page load
/// only this server's own stylesheet and script (no inline script or style, no frames, forms posting only here),
/// `nosniff`, and no `Referer` sent anywhere.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do { response = try await next(request, context) } catch let error as HTTPError {
            response = Responses.text("\(error.body ?? error.status.reasonPhrase)\n", status: error.status)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        return response
    }
}

