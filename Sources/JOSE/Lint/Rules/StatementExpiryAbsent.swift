extension LintRule {
    static let statementExpiryAbsent = LintRule(
        id: "statement-exp-absent", severity: .notice,
        summary: "The statement has no exp: it is valid until the application is revoked.",
        citation: "RFC 7591 §2.3, RFC 7519 §4.1.4",
        rationale: "The service's statements never expire; revoking the registered application is what ends them. That is fine, but a leaked statement then works until someone revokes the application.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims, claims["exp"] == nil else { return [] }
        return [LintIssue("is absent: the statement stays valid until its application is revoked", at: "payload.exp")]
    }
}
