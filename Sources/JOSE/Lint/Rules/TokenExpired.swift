extension LintRule {
    static let tokenExpired = LintRule(
        id: "token-expired", severity: .error,
        summary: "exp has passed (beyond 60 seconds of clock skew).",
        citation: "RFC 7519 §4.1.4",
        rationale: "An expired token must be rejected. For a software statement, ask the issuer for a fresh one (each download mints a new statement).") { token in
        guard let exp = token.date("exp"), token.options.now > exp.adding(60) else { return [] }
        return [LintIssue("expired at \(exp) (\(exp.relative(to: token.options.now)))", at: "payload.exp")]
    }
}
