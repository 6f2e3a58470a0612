extension LintRule {
    static let headerNotJSONObject = LintRule(
        id: "header-not-json-object", severity: .error,
        summary: "The protected header must be a JSON object.",
        citation: "RFC 7515 §4",
        rationale: "The JOSE header is a JSON object whose members describe how the token is signed. A header that is not valid JSON, or is an array or a string, cannot be processed safely.") { token in
        token.headerProblem?.objectProblem.map { [LintIssue($0, at: "header")] } ?? []
    }
}
