extension LintRule {
    static let b64InJWT = LintRule(
        id: "b64-in-jwt", severity: .error,
        summary: "b64 (unencoded payload) is used in a JWT.",
        citation: "RFC 7797 §7, RFC 7519 §7.1",
        rationale: "An unencoded payload changes what is signed. JWT processing assumes a base64url-encoded claims set; a JWT with b64 is read differently by libraries that do and do not implement RFC 7797.") { token in
        token.header?["b64"] == nil ? [] : [LintIssue("is present; JWTs always use a base64url-encoded payload", at: "header.b64")]
    }
}
