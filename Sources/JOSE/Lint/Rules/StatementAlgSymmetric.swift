extension LintRule {
    static let statementAlgSymmetric = LintRule(
        id: "statement-alg-symmetric", severity: .error,
        summary: "The statement is HMAC-signed but no shared secret with the registrar was declared.",
        citation: "RFC 7591 §2.3, RFC 8725 §3.1",
        rationale: "A software statement is verified by registrars that do not hold the issuer's secret; it must be signed with a public-key algorithm. Use --shared-secret only when the registrar really shares an HMAC key with the issuer.",
        profiles: [.softwareStatement]) { token in
        guard let alg = token.hmacAlgorithmName, !token.options.sharedSecret else { return [] }
        return [LintIssue("is \(alg); a statement must be signed with a public-key algorithm (or pass --shared-secret)", at: "header.alg")]
    }
}
