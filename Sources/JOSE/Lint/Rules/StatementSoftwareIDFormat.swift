extension LintRule {
    static let statementSoftwareIDFormat = LintRule(
        id: "statement-software-id-format", severity: .warning,
        summary: "The software identifier does not look stable (a UUID, or 8–255 letters, digits and . _ : -).",
        citation: "RFC 7591 §2",
        rationale: "software_id should be a stable identifier, the same for every instance and version, typically a UUID chosen by the developer or issued by the registrar. Spaces, very short values or a number suggest a name or a counter instead.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims else { return [] }
        let member = claims["software_id"] != nil ? "software_id" : "sub"
        guard let value = claims[member] else { return [] }
        guard let id = value.stringValue else { return [LintIssue("must be a string, found \(value.excerpt)", at: "payload.\(member)")] }
        if UUIDShape.matches(id) { return [] }
        let allowed = id.utf8.count >= 8 && id.utf8.count <= 255 && id.unicodeScalars.allSatisfy {
            ($0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._:-".unicodeScalars.contains($0))
        }
        return allowed ? [] : [LintIssue("\(JSONValue.string(id).excerpt) is neither a UUID nor a stable identifier (8–255 characters of letters, digits, . _ : -)", at: "payload.\(member)")]
    }
}
