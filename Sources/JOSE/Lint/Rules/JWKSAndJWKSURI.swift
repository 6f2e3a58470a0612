extension LintRule {
    static let jwksAndJWKSURI = LintRule(
        id: "jwks-and-jwks-uri", severity: .error,
        summary: "jwks and jwks_uri are both present.",
        citation: "RFC 7591 §2",
        rationale: "A client's keys are given either by value (jwks) or by reference (jwks_uri), never both: the two could disagree, and the registrar would have to guess which is meant.",
        profiles: [.softwareStatement]) { token in
        guard token.claims?["jwks"] != nil, token.claims?["jwks_uri"] != nil else { return [] }
        return [LintIssue("jwks and jwks_uri must not both be present", at: "payload.jwks")]
    }
}
