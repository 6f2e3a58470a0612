extension LintRule {
    static let notBeforeAfterExpiry = LintRule(
        id: "nbf-after-exp", severity: .error,
        summary: "nbf is after exp: the token is never valid.",
        citation: "RFC 7519 §4.1.4, §4.1.5",
        rationale: "A token may be used from nbf until exp. When nbf is later than exp there is no moment at which it is valid; the issuer's clock or code is wrong.") { token in
        guard let nbf = token.date("nbf"), let exp = token.date("exp"), nbf > exp else { return [] }
        return [LintIssue("\(nbf) is after exp \(exp): the token is never valid", at: "payload.nbf")]
    }
}
