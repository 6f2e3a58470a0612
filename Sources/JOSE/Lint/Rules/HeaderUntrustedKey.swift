extension LintRule {
    static let headerUntrustedKey = LintRule(
        id: "header-untrusted-key", severity: .warning,
        summary: "The header carries a key or a key URL (jwk, jku, x5u) that a verifier must never trust.",
        citation: "RFC 8725 §3.10, RFC 7515 §4.1.2, §4.1.3, §4.1.5",
        rationale: "A key sent with the token proves nothing: an attacker signs with their own key and ships it along. Verifiers that use jwk or fetch jku/x5u are forgeable (and fetching is a server-side request forgery). Verify with keys you already trust; drop these members.") { token in
        ["jwk", "jku", "x5u"].compactMap { name in
            token.header?[name] == nil ? nil : LintIssue("is present; a key named by the token itself is never a source of trust", at: "header.\(name)")
        }
    }
}
