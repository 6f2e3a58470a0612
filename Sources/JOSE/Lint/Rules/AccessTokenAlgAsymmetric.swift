extension LintRule {
    static let accessTokenAlgAsymmetric = LintRule(
        id: "access-token-alg-asymmetric", severity: .error,
        summary: "An access token must be signed with a public-key algorithm.",
        citation: "RFC 9068 §2.1, §4",
        rationale: "Resource servers verify access tokens with the authorization server's published keys. An HMAC-signed token requires sharing the secret with every resource server, each of which could then mint tokens.",
        profiles: [.accessToken]) { token in
        guard let alg = token.hmacAlgorithmName else { return [] }
        return [LintIssue("is \(alg); RFC 9068 access tokens use an asymmetric algorithm such as RS256", at: "header.alg")]
    }
}
