extension LintRule {
    static let nestedJWT = LintRule(
        id: "cty-nested-jwt", severity: .warning,
        summary: "cty: JWT nests a token inside the token.",
        citation: "RFC 7519 §5.2, RFC 8725 §2.3",
        rationale: "A nested JWT must be unwrapped and verified layer by layer; consumers that check only the outer layer accept whatever the inner one says. Avoid nesting, or verify every layer.") { token in
        guard let cty = token.header?["cty"]?.stringValue, cty.uppercased() == "JWT" else { return [] }
        return [LintIssue("is \"\(cty)\": the payload is itself a JWT, and every layer must be verified", at: "header.cty")]
    }
}
