import DCR
import Hummingbird

extension Request {
    /// `Authorization: Bearer <token>`, else the `access_token` query parameter (RFC 6750 §2.1, §2.3).
    func bearerToken() throws(DCRError) -> String {
        if let header = headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer ") else { throw DCRError.oauth(.invalidToken, "the Authorization header must be Bearer <token>") }
            return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        if let token = uri.queryParameters.get("access_token"), !token.isEmpty { return token }
        throw DCRError.oauth(.invalidToken, "an access token is required (Authorization: Bearer <token>)")
    }
}
