extension LintRule {
    static let kidUnsafe = LintRule(
        id: "kid-unsafe", severity: .error,
        summary: "kid contains path characters, quotes, NUL or control characters.",
        citation: "RFC 8725 §3.10, RFC 7515 §4.1.4",
        rationale: "Servers look keys up by kid, sometimes in file paths or SQL. A kid such as \"../../dev/null\" or \"x' OR '1'='1\" is an injection attempt or a sign of one. A kid should be an opaque identifier: letters, digits, '-', '_', '.', ':'.") { token in
        guard let kid = token.header?["kid"] else { return [] }
        guard let text = kid.stringValue else { return [LintIssue("must be a string, found \(kid.excerpt)", at: "header.kid")] }
        var problems: [String] = []
        if text.contains("/") || text.contains("\\") || text.contains("..") { problems.append("path characters") }
        if text.contains("\"") || text.contains("'") || text.contains("`") { problems.append("quotes") }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) { problems.append("NUL") }
        if text.unicodeScalars.contains(where: { $0.value > 0 && ($0.value < 0x20 || $0.value == 0x7F) }) { problems.append("control characters") }
        guard !problems.isEmpty else { return [] }
        return [LintIssue("\(JSONValue.string(text).excerpt) contains \(problems.joined(separator: ", ")): unsafe for key lookup", at: "header.kid")]
    }
}
