extension LintRule {
    static let algSymmetric = LintRule(
        id: "alg-symmetric", severity: .warning,
        summary: "An HMAC (HS*) algorithm on a token meant for public-key verification.",
        citation: "RFC 8725 §3.1, §2.4",
        rationale: "Whoever can verify an HMAC token can also forge one. Tokens that several parties verify should be signed with a public-key algorithm (RS256, PS256, ES256, EdDSA). HS* on a token that others verify with a public key is also the shape of the key-confusion attack.",
        profiles: [.jwt]) { token in
        guard let alg = token.hmacAlgorithmName else { return [] }
        return [LintIssue("is \(alg): anyone who can verify it can forge it; use a public-key algorithm when others verify", at: "header.alg")]
    }
}
