extension LintRule {
    static let accessTokenType = LintRule(
        id: "access-token-typ", severity: .error,
        summary: "An access token's header typ must be at+jwt.",
        citation: "RFC 9068 §2.1, §4",
        rationale: "Resource servers must reject JWT access tokens whose typ is not at+jwt (or application/at+jwt), so that an ID token or a statement cannot be replayed as an access token.",
        profiles: [.accessToken]) { token in
        guard let header = token.header else { return [] }
        guard let value = header["typ"] else { return [LintIssue("is missing; JWT access tokens must be typed at+jwt", at: "header.typ")] }
        guard let type = value.stringValue, ExpectedType.normalized(type) == "at+jwt" else {
            return [LintIssue("is \(value.excerpt), not at+jwt", at: "header.typ")]
        }
        return []
    }
}
