extension LintRule {
    static let issuedInFuture = LintRule(
        id: "iat-in-future", severity: .error,
        summary: "iat is in the future (beyond 60 seconds of clock skew).",
        citation: "RFC 7519 §4.1.6, RFC 8725 §3.8",
        rationale: "A token cannot have been issued after now. A future iat means a wrong clock at the issuer, or a token minted to outlive checks that measure age from iat.") { token in
        guard let iat = token.date("iat"), iat > token.options.now.adding(60) else { return [] }
        return [LintIssue("\(iat) is \(iat.relative(to: token.options.now))", at: "payload.iat")]
    }
}
