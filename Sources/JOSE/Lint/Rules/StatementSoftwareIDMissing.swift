extension LintRule {
    static let statementSoftwareIDMissing = LintRule(
        id: "statement-software-id-missing", severity: .error,
        summary: "The statement carries no software identifier (software_id, or sub as the service's statements do).",
        citation: "RFC 7591 §2, §2.3",
        rationale: "software_id identifies the software across all its instances and versions; registrars use it to find the registered application. The TV-authentication service puts the application's UUID in sub instead.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims, claims["software_id"] == nil, claims["sub"] == nil else { return [] }
        return [LintIssue("neither software_id nor sub is present", at: "payload.software_id")]
    }
}
