extension LintRule {
    static let algUnknown = LintRule(
        id: "alg-unknown", severity: .error,
        summary: "alg names no registered JWS signature algorithm.",
        citation: "RFC 7518 §3.1, RFC 8037, RFC 8812",
        rationale: "Algorithm names are case-sensitive and registered with IANA. An unknown name (\"rs256\", \"RSA\", \"HS256 \") is rejected by correct verifiers and may be mishandled by others.") { token in
        guard let alg = token.algorithmName, alg.lowercased() != "none", Algorithm(name: alg) == nil else { return [] }
        let near = Algorithm.signing.first { $0.rawValue.lowercased() == alg.lowercased() }
        return [LintIssue("\"\(alg)\" is not a JWS algorithm\(near.map { " (did you mean \"\($0.rawValue)\"? names are case-sensitive)" } ?? "")", at: "header.alg")]
    }
}
