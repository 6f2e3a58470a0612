extension LintRule {
    static let accessTokenClaims = LintRule(
        id: "access-token-claims", severity: .error,
        summary: "An access token must carry iss, exp, aud, sub, client_id, iat and jti with the right types.",
        citation: "RFC 9068 §2.2",
        rationale: "Resource servers rely on these claims: iss and aud to know the token is for them, exp and iat for its validity, sub and client_id for who acts, jti to detect replays.",
        profiles: [.accessToken]) { token in
        guard let claims = token.claims else { return [] }
        let expected: [(String, String, (JSONValue) -> Bool)] = [
            ("iss", "a string", { $0.kind == .string }),
            ("exp", "a number", { $0.isNumber }),
            ("aud", "a string or an array of strings", { $0.kind == .string || ($0.kind == .array && $0.elements.allSatisfy { $0.kind == .string }) }),
            ("sub", "a string", { $0.kind == .string }),
            ("client_id", "a string", { $0.kind == .string }),
            ("iat", "a number", { $0.isNumber }),
            ("jti", "a string", { $0.kind == .string }),
        ]
        return expected.compactMap { name, type, valid in
            guard let value = claims[name] else { return LintIssue("is required in an access token", at: "payload.\(name)") }
            return valid(value) ? nil : LintIssue("must be \(type), found \(value.excerpt)", at: "payload.\(name)")
        }
    }
}
