extension LintRule {
    static let statementSoftwareVersionType = LintRule(
        id: "statement-software-version-type", severity: .error,
        summary: "software_version must be a string.",
        citation: "RFC 7591 §2",
        rationale: "software_version is a string compared for equality (\"1.10\" is not 1.1). A number loses trailing zeros and fails registrars that check the type.",
        profiles: [.softwareStatement]) { token in
        guard let value = token.claims?["software_version"], value.stringValue == nil else { return [] }
        return [LintIssue("must be a string, found \(value.excerpt)", at: "payload.software_version")]
    }
}
