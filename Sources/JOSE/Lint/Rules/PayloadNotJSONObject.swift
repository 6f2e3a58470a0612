extension LintRule {
    static let payloadNotJSONObject = LintRule(
        id: "payload-not-json-object", severity: .error,
        summary: "A JWT payload must be a JSON object of claims.",
        citation: "RFC 7519 §7.2",
        rationale: "Software statements and access tokens are JWTs: their payload is a JSON object (the claims set). A payload that is not one cannot carry iss, sub or exp, so nothing about it can be checked.") { token in
        switch token.payloadProblem {
        case .invalidJSON(let reason)?: return [LintIssue("is not valid JSON: \(reason)", at: "payload")]
        case .notObject(let kind)?: return [LintIssue("must be a JSON object of claims, found \(kind.phrase)", at: "payload")]
        default: return []
        }
    }
}
