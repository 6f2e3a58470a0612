import FoundationEssentials

extension VerificationResult {
    /// The verified claims decoded into your own type — only when the token is valid, so nothing unverified reaches
    /// it: `let claims = try result.decodeClaims(as: Statement.self)`.
    /// - Throws: `.claim` when the token is not valid (with its failures) or the claims do not decode as `T`.
    public func decodeClaims<T: Decodable>(as type: T.Type) throws(JOSEError) -> T {
        guard isValid, let claims else {
            throw JOSEError(.claim, at: "payload", "not decoded: the token is not valid (\(failures.map(\.description).joined(separator: "; ")))")
        }
        do { return try JSONDecoder().decode(T.self, from: Data(claims.serialized())) } catch {
            throw JOSEError(.claim, at: "payload", "does not decode as \(T.self): \(error)")
        }
    }
}
