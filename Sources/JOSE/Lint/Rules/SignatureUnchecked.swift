extension LintRule {
    static let signatureUnchecked = LintRule(
        id: "signature-unchecked", severity: .notice,
        summary: "The signature was not checked: no key was given.",
        citation: "RFC 7515 §5.2",
        rationale: "Linting reads the token's content; only verification with a key you trust says who made it. Give --key FILE (or --trust CERTFILE) to check the signature too.") { token in
        guard case .notChecked = token.signatureCheck, token.signature != nil else { return [] }
        return [LintIssue("was not checked; give --key FILE or --trust CERTFILE to verify it", at: "signature")]
    }
}
