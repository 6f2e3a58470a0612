extension LintRule {
    static let statementIssuerMissing = LintRule(
        id: "statement-issuer-missing", severity: .error,
        summary: "A software statement must name its issuer (iss).",
        citation: "RFC 7591 §2.3",
        rationale: "A software statement MUST contain iss: the registrar decides whether to trust a statement by its issuer and that issuer's keys.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims else { return [] }
        guard let iss = claims["iss"] else { return [LintIssue("is missing; the registrar cannot tell who vouches for this software", at: "payload.iss")] }
        return iss.stringValue?.isEmpty == false ? [] : [LintIssue("must be a non-empty string, found \(iss.excerpt)", at: "payload.iss")]
    }
}
