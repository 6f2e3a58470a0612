/// `--profile auto`: which profile a token most likely belongs to, and why.
public enum ProfileDetection {
    /// The profile for a token with this header and these claims (either may be unreadable), and the reason in words.
    public static func detect(header: JSONValue?, claims: JSONValue?) -> (LintProfile, String) {
        if let type = header?["typ"]?.stringValue, ExpectedType.normalized(type) == "at+jwt" {
            return (.accessToken, "header typ is \(type)")
        }
        guard let claims else { return (.jwt, "the payload is not a claims object") }
        if claims["client_id"] != nil && (claims["scope"] != nil || claims["scopes"] != nil) {
            return (.accessToken, "claims include client_id and \(claims["scope"] != nil ? "scope" : "scopes")")
        }
        for member in ["software_id", "redirect_uris", "software_version", "software_statement"] where claims[member] != nil {
            return (.softwareStatement, "claims include \(member)")
        }
        // The service's own statements: {"alg":"RS256"} and only sub (a UUID), iss, iat, nbf (and perhaps exp).
        let names = Set(claims.memberNames)
        if let sub = claims["sub"]?.stringValue, UUIDShape.matches(sub), claims["iss"] != nil,
           names.isSubset(of: ["sub", "iss", "iat", "nbf", "exp", "jti"]) {
            return (.softwareStatement, "the service's statement shape (sub is a UUID, with iss, iat, nbf)")
        }
        return (.jwt, "no statement or access-token claims")
    }
}

/// The textual shape of a UUID (RFC 9562): 8-4-4-4-12 hexadecimal digits.
enum UUIDShape {
    static func matches(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
