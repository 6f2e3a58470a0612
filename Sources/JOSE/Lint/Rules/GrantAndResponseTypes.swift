extension LintRule {
    static let grantAndResponseTypes = LintRule(
        id: "grant-response-types", severity: .error,
        summary: "grant_types and response_types do not correspond (RFC 7591 §2.1 table).",
        citation: "RFC 7591 §2.1",
        rationale: "response_type code goes with grant type authorization_code, response_type token with implicit. A client registered with one without the other can never complete the flow, or is granted more than it uses. Absent grant_types default to [\"authorization_code\"]; absent response_types default to [\"code\"] only for a client that uses a redirect-based grant (authorization_code or implicit) — a client_credentials client, like the service's, uses no response type at all.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims, claims["grant_types"] != nil || claims["response_types"] != nil else { return [] }
        var issues: [LintIssue] = []
        func strings(_ name: String, default fallback: [String]) -> [String] {
            guard let value = claims[name] else { return fallback }
            guard value.kind == .array, value.elements.allSatisfy({ $0.stringValue != nil }) else {
                issues.append(LintIssue("must be an array of strings, found \(value.excerpt)", at: "payload.\(name)"))
                return fallback
            }
            return value.elements.compactMap(\.stringValue)
        }
        let grants = strings("grant_types", default: ["authorization_code"])
        let usesRedirects = grants.contains("authorization_code") || grants.contains("implicit")
        let responses = strings("response_types", default: usesRedirects ? ["code"] : [])
        let pairs = [("code", "authorization_code"), ("token", "implicit")]
        for (response, grant) in pairs {
            if responses.contains(response) && !grants.contains(grant) {
                issues.append(LintIssue("response_type \"\(response)\" needs grant type \"\(grant)\" in grant_types \(grants)", at: "payload.grant_types"))
            }
            if grants.contains(grant) && !responses.contains(response) {
                issues.append(LintIssue("grant type \"\(grant)\" needs response_type \"\(response)\" in response_types \(responses)", at: "payload.response_types"))
            }
        }
        return issues
    }
}
