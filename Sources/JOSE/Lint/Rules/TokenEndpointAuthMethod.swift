extension LintRule {
    static let tokenEndpointAuthMethod = LintRule(
        id: "token-endpoint-auth-method", severity: .error,
        summary: "token_endpoint_auth_method is not a registered value.",
        citation: "RFC 7591 §2, RFC 8705 §2.1.1, IANA OAuth Token Endpoint Authentication Methods",
        rationale: "The registrar must know how the client will authenticate at the token endpoint. Registered values: none, client_secret_post, client_secret_basic, client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth.",
        profiles: [.softwareStatement]) { token in
        let registered = ["none", "client_secret_post", "client_secret_basic", "client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"]
        guard let value = token.claims?["token_endpoint_auth_method"] else { return [] }
        guard let method = value.stringValue, registered.contains(method) else {
            return [LintIssue("\(value.excerpt) is not a registered method (\(registered.joined(separator: ", ")))", at: "payload.token_endpoint_auth_method")]
        }
        return []
    }
}
