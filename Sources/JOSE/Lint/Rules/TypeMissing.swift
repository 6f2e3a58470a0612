extension LintRule {
    static let typeMissing = LintRule(
        id: "typ-missing", severity: .notice,
        summary: "The header has no typ to say what kind of token this is.",
        citation: "RFC 8725 §3.11, RFC 7519 §5.1",
        rationale: "Explicit typing (typ: JWT, or a specific type such as at+jwt) stops a token made for one purpose from being accepted for another.",
        profiles: [.jwt, .softwareStatement]) { token in
        guard let header = token.header, header["typ"] == nil else { return [] }
        return [LintIssue("is absent; explicit typing prevents cross-use of tokens", at: "header.typ")]
    }
}
