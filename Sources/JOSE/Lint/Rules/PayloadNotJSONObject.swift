extension LintRule {
    static let payloadNotJSONObject = LintRule(
        id: "payload-not-json-object", severity: .error,
        summary: "A JWT payload must be a JSON object of claims.",
        citation: "RFC 7519 §7.2",
        rationale: "Software statements and access tokens are JWTs: their payload is a JSON object (the claims set). A payload that is not one cannot carry iss, sub or exp, so nothing about it can be checked.") { token in
        token.payloadProblem?.objectProblem.map { [LintIssue($0, at: "payload")] } ?? []
    }
}
