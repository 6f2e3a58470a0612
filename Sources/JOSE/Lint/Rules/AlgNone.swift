extension LintRule {
    static let algNone = LintRule(
        id: "alg-none", severity: .error,
        summary: "The token is unsecured (alg none).",
        citation: "RFC 8725 §3.2, RFC 7518 §3.6",
        rationale: "An unsecured JWS has no signature: anyone can write one. Libraries that honour \"none\" from the token have let attackers forge tokens. No verifier should accept it, in any letter case.") { token in
        guard let alg = token.algorithmName, alg.lowercased() == "none" else { return [] }
        return [LintIssue("is \"\(alg)\": the token is unsecured and must never be accepted", at: "header.alg")]
    }
}
