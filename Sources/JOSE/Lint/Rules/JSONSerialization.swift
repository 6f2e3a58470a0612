extension LintRule {
    static let jsonSerialization = LintRule(
        id: "json-serialization", severity: .error,
        summary: "A JWS JSON serialization was given where a compact JWT is expected.",
        citation: "RFC 7519 §7.1, RFC 7591 §2.3, RFC 9068 §2",
        rationale: "JWTs, software statements and access tokens use the compact serialization. A JSON serialization may carry several signatures and unprotected headers, which JWT consumers do not expect.") { token in
        token.isJSONSerialization ? [LintIssue("is a JWS JSON serialization; a JWT must use the compact form header.payload.signature", at: "token")] : []
    }
}
