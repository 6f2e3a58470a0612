/// A failure anywhere in the JOSE library: what kind of failure, where it happened and why.
///
/// `description` reads `where: why`, e.g. `header.alg: "HS256" is not allowed for an RSA key (allowed: RS256)`.
public struct JOSEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; stable, for programs to branch on.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The bytes are not a well-formed token, JSON document or key.
        case malformed
        /// An algorithm this library does not implement, or `none`.
        case unsupportedAlgorithm
        /// The algorithm exists but the caller's allow-list or the key forbids it.
        case algorithmNotAllowed
        /// No key in the caller's key set fits the token.
        case noMatchingKey
        /// Several keys share the token's `kid`.
        case ambiguousKey
        /// The signature does not verify.
        case badSignature
        /// A key was refused (too weak, wrong purpose, wrong type).
        case keyRejected
        /// A `crit` header problem (RFC 7515 §4.1.11).
        case criticalHeader
        /// The token has expired (`exp` is past, beyond the leeway).
        case expired
        /// The token is not valid yet (`nbf` is in the future, beyond the leeway).
        case notYetValid
        /// `iss` is not the expected issuer.
        case issuer
        /// `aud` does not name the expected audience.
        case audience
        /// The header `typ` is not the expected type.
        case type
        /// A claim the caller requires (or expects a value for) is absent.
        case missingClaim
        /// Another claim failed a validation policy (a wrong type, a wrong subject, issued in the future, too old).
        case claim
        /// A certificate chain did not verify to a trust anchor.
        case untrustedCertificate
        /// OpenSSL reported an internal failure.
        case crypto
        /// A value given by the caller is not usable (e.g. a bad option).
        case invalidArgument
    }

    /// What kind of failure, for code that reacts to it.
    public let code: Code
    /// Where the failure is: `header.alg`, `payload.exp`, `segment 2`, `key`, `signature`…
    public let location: String
    /// Why, in words a person can act on. Never contains secret material.
    public let reason: String

    /// A failure of kind `code` at `location`, for `reason`.
    public init(_ code: Code, at location: String, _ reason: String) {
        self.code = code
        self.location = location
        self.reason = reason
    }

    /// `location: reason`, or the reason alone when there is no location.
    public var description: String { location.isEmpty ? reason : "\(location): \(reason)" }

    /// The same failure reported at a more specific place, e.g. `segment 1` → `segment 1 (header)`.
    func relocated(to location: String) -> JOSEError { JOSEError(code, at: location, reason) }
}
