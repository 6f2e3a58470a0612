import Foundation
import DCR
import Hummingbird

/// The dashboard's admin API accepts only `Authorization: Bearer <admin token>`.
struct AdminAuthenticationMiddleware: RouterMiddleware {
    typealias Context = DCRRequestContext
    let token: AdminToken
    let profile: ServerProfile

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
              token.accepts(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
            return Responses.failure(.unauthorized("the admin API needs Authorization: Bearer <admin token> (the admin-token file in the server's state directory)"), profile: profile)
        }
        return try await next(request, context)
    }
}
