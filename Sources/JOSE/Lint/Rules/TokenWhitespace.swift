extension LintRule {
    static let tokenWhitespace = LintRule(
        id: "token-whitespace", severity: .error,
        summary: "A token must not contain whitespace or line breaks.",
        citation: "RFC 7515 §7.1",
        rationale: "Statements copied out of documents, e-mails or consoles often arrive wrapped at 64 or 76 columns. Whitespace is not part of base64url, so strict verifiers reject the token. Remove it, e.g. `tr -d ' \\n\\r\\t' < statement.jwt > fixed.jwt`.") { token in
        guard let first = token.innerWhitespace.first, !token.isJSONSerialization else { return [] }
        let count = token.innerWhitespace.count
        return [LintIssue("contains \(count) whitespace character\(count == 1 ? "" : "s") (first at offset \(first)), probably line wrapping from copying it; remove them with: tr -d ' \\n\\r\\t'", at: "token")]
    }
}
