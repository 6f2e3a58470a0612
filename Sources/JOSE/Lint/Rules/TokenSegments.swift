extension LintRule {
    static let tokenSegments = LintRule(
        id: "token-segments", severity: .error,
        summary: "A compact JWS must have exactly three segments.",
        citation: "RFC 7515 §7.1",
        rationale: "The compact serialization is BASE64URL(header).BASE64URL(payload).BASE64URL(signature). Two segments means the signature was cut off; five means a JWE (an encrypted token); anything else is not a JWS. Verifiers must not guess which segments are which.") { token in
        guard !token.isJSONSerialization, token.segmentCount != 3 else { return [] }
        let hint = token.segmentCount == 5 ? " (5 segments is a JWE, an encrypted token)" : token.segmentCount == 2 ? " (the signature segment is missing)" : ""
        return [LintIssue("a compact JWS has 3 segments separated by '.', found \(token.segmentCount)\(hint)", at: "token")]
    }
}
