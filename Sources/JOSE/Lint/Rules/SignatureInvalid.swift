extension LintRule {
    static let signatureInvalid = LintRule(
        id: "signature-invalid", severity: .error,
        summary: "The signature does not verify with the given keys.",
        citation: "RFC 7515 §5.2",
        rationale: "With --key or --trust the linter verifies the signature as a strict verifier would: algorithm from the key and allow-list, never from the token alone.") { token in
        guard case .failed(let error) = token.signatureCheck else { return [] }
        return [LintIssue(error.reason, at: error.location.isEmpty ? "signature" : error.location)]
    }
}
