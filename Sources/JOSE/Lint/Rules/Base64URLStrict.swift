extension LintRule {
    static let base64urlStrict = LintRule(
        id: "base64url-strict", severity: .error,
        summary: "Every segment must be strict base64url: no padding, no '+' or '/', canonical trailing bits.",
        citation: "RFC 7515 §2, RFC 4648 §5",
        rationale: "JWS uses base64url without padding. Padded, standard-alphabet or non-canonical encodings are rejected by strict verifiers and accepted by lax ones, so the same token means different things to different parties. Re-encode with a JOSE library instead of a generic base64 tool.") { token in
        token.encodingProblems.keys.sorted().compactMap { index in
            token.encodingProblems[index].map { LintIssue($0.reason, at: "segment \(index)") }
        }
    }
}
