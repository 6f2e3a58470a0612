import Hummingbird

extension RouterMethods {
    /// A GET route and its HEAD twin (RFC 9110 §9.3.2): the same status and headers, `Content-Length` included, no body.
    @discardableResult
    func getAndHead(_ path: RouterPath = "", use handler: @Sendable @escaping (Request, Context) async throws -> Response) -> Self {
        get(path, use: handler)
        return head(path) { request, context in
            var response = try await handler(request, context)
            response.body = ResponseBody(contentLength: response.body.contentLength) { _ in }
            return response
        }
    }
}
