extension LintRule {
    static let algMissing = LintRule(
        id: "alg-missing", severity: .error,
        summary: "The header has no alg, or alg is not a string.",
        citation: "RFC 7515 §4.1.1",
        rationale: "Every JWS header must name its algorithm. Without it a verifier cannot check the key fits, and some guess.") { token in
        guard let header = token.header else { return [] }
        guard let alg = header["alg"] else { return [LintIssue("is missing", at: "header.alg")] }
        return alg.stringValue == nil ? [LintIssue("must be a string, found \(alg.excerpt)", at: "header.alg")] : []
    }
}
