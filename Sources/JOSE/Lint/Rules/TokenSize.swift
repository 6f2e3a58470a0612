extension LintRule {
    static let tokenSize = LintRule(
        id: "token-size", severity: .warning,
        summary: "The token is larger than a sane size.",
        citation: "RFC 8725 §3.1 (resource exhaustion), RFC 9110 §15.5.14",
        rationale: "Tokens travel in HTTP headers, where servers commonly limit a header to 8 KiB. A very large token is either carrying data it should not, or an attempt to exhaust a parser.") { token in
        let size = token.text.utf8.count
        guard size > token.options.maximumSize else { return [] }
        return [LintIssue("is \(size) bytes, more than \(token.options.maximumSize)", at: "token")]
    }
}
