import DCR
import Foundation
import Hummingbird
import JOSE

/// A signed-in dashboard session: an HS256 JWT (``SessionKey``) in an `HttpOnly`, `SameSite=Strict` cookie scoped to
/// `/ui`, expiring after eight hours. It carries a random CSRF token that every state-changing form must send back —
/// a page of another origin can neither read the cookie nor the token. Stateless: any instance on the same store opens
/// it; signing out clears the cookie (a copied cookie stays good until it expires).
struct DashboardSession: Sendable {
    static let cookieName = "jwstool_session"
    static let lifetime = 8 * 3600
    static let audience = "jwstool-ui"

    /// The value every form of this session carries in its `csrf` field.
    let csrf: String

    /// A new session's cookie value and the session.
    static func open(with key: Key, now: NumericDate = .now) throws(DCRError) -> (cookie: String, session: DashboardSession) {
        let csrf = SecretGenerator.token()
        let claims: JSONValue = .object([
            ("aud", .string(audience)), ("iat", .integer(Int64(now.secondsSinceEpoch))),
            ("exp", .integer(Int64(now.secondsSinceEpoch) + Int64(lifetime))), ("csrf", .string(csrf)),
        ])
        do {
            return (try JWSSigner().signJWT(claims, key: key, algorithm: .hs256, header: [("typ", "ui-session+jwt")]), DashboardSession(csrf: csrf))
        } catch {
            throw DCRError.storage("cannot sign the session: \(error)")
        }
    }

    /// The session in `request`'s cookie, if it is one this server signed and it has not expired.
    static func from(_ request: Request, key: Key) -> DashboardSession? {
        guard let value = request.cookies[cookieName]?.value else { return nil }
        let verifier = TokenVerifier(keys: KeySet([key]), options: .init(allowedAlgorithms: [.hs256]),
                                     claims: ClaimValidation(time: TimeValidity(leeway: 0), audience: audience, type: "ui-session+jwt",
                                                             requiredClaims: ["exp", "csrf"]),
                                     requireCompact: true)
        let result = verifier.verify(value)
        guard result.isValid, let csrf = result.claims?["csrf"]?.stringValue, !csrf.isEmpty else { return nil }
        return DashboardSession(csrf: csrf)
    }

    /// Whether a form's `csrf` field is this session's token (compared in constant time).
    func accepts(_ presented: String?) -> Bool {
        guard let presented else { return false }
        return SecretDigest.matches(presented, digest: SecretDigest.digest(csrf))
    }

    /// The cookie that holds `value`; `Secure` when the server's public URL is https.
    static func cookie(_ value: String, secure: Bool) -> Cookie { cookie(value, maxAge: lifetime, secure: secure) }

    /// The cookie that ends a session.
    static func clearing(secure: Bool) -> Cookie { cookie("", maxAge: 0, secure: secure) }

    private static func cookie(_ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: maxAge, path: DCRRoute.uiPrefix, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
