extension LintRule {
    static let jsonDuplicateMember = LintRule(
        id: "json-duplicate-member", severity: .error,
        summary: "Header and payload must not repeat a member name.",
        citation: "RFC 7515 §5.2, RFC 7519 §4, RFC 8259 §4",
        rationale: "With a repeated name (two \"alg\", two \"sub\") parsers disagree on which value counts: one library checks the first, the application uses the last. JWS requires rejecting such documents.") { token in
        var issues: [LintIssue] = []
        if case .duplicateMember(let reason)? = token.headerProblem { issues.append(LintIssue(reason, at: "header")) }
        if case .duplicateMember(let reason)? = token.payloadProblem { issues.append(LintIssue(reason, at: "payload")) }
        return issues
    }
}
