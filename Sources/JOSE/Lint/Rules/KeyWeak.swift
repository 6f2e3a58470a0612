extension LintRule {
    static let keyWeak = LintRule(
        id: "key-weak", severity: .error,
        summary: "A given key is too weak for the token's algorithm (RSA under 2048 bits, HMAC secret shorter than the hash).",
        citation: "RFC 7518 §3.2, §3.3, RFC 8725 §3.5",
        rationale: "RSA keys under 2048 bits can be factored by well-funded attackers; HMAC secrets shorter than the hash output can be brute-forced offline from a single token.") { token in
        guard let alg = token.algorithmName.flatMap(Algorithm.init(name:)) else { return [] }
        return token.keys.compactMap { key in
            guard alg.fits(key.type) == nil, let weakness = KeyPolicy.standard.weakness(of: key, for: alg) else { return nil }
            return LintIssue(weakness, at: "key")
        }
    }
}
