extension LintRule {
    static let accessTokenScope = LintRule(
        id: "access-token-scope", severity: .error,
        summary: "scope must be a space-separated string.",
        citation: "RFC 9068 §2.2.3, RFC 8693 §4.2",
        rationale: "RFC 9068 carries the granted scopes in scope, one string with scope names separated by spaces. An array, or commas, is not understood by standard resource servers.",
        profiles: [.accessToken]) { token in
        guard let claims = token.claims else { return [] }
        guard let value = claims["scope"] else {
            return claims["scopes"] == nil ? [LintIssue("is missing; an access token should say what it grants", at: "payload.scope")] : []
        }
        guard let scope = value.stringValue else { return [LintIssue("must be a space-separated string, found \(value.excerpt)", at: "payload.scope")] }
        if scope.contains(",") && !scope.contains(" ") {
            return [LintIssue("\"\(scope)\" looks comma-separated; RFC 9068 scopes are separated by spaces", at: "payload.scope")]
        }
        return []
    }
}
