extension LintRule {
    static let accessTokenServiceScopes = LintRule(
        id: "access-token-service-scopes", severity: .notice,
        summary: "The token uses the service's scopes claim (a comma-separated string) instead of, or beside, scope.",
        citation: "DESIGN.md §5 (the service's access tokens), RFC 9068 §2.2.3",
        rationale: "The TV-authentication service puts the granted scopes in scopes, comma-separated. That is accepted; standard resource servers read scope, space-separated, which jwstool serve adds as well.",
        profiles: [.accessToken]) { token in
        guard let value = token.claims?["scopes"] else { return [] }
        guard let scopes = value.stringValue else { return [LintIssue("is \(value.excerpt); the service sends a comma-separated string", at: "payload.scopes")] }
        let note = token.claims?["scope"] == nil ? "; standard resource servers read scope, which is absent" : ""
        return [LintIssue("\"\(scopes)\" is the service's comma-separated form\(note)", at: "payload.scopes")]
    }
}
