extension LintRule {
    static let jsonInvalidUTF8 = LintRule(
        id: "json-invalid-utf8", severity: .error,
        summary: "Header and payload must be UTF-8.",
        citation: "RFC 8259 §8.1, RFC 7515 §5.2",
        rationale: "JSON exchanged between systems must be UTF-8. Other encodings (Latin-1 names, truncated multi-byte sequences) are read differently by different parsers, or rejected.") { token in
        var issues: [LintIssue] = []
        if token.headerProblem == .invalidUTF8 { issues.append(LintIssue("is not valid UTF-8", at: "header")) }
        if token.payloadProblem == .invalidUTF8 { issues.append(LintIssue("is not valid UTF-8", at: "payload")) }
        return issues
    }
}
