extension LintRule {
    static let statementForbiddenMember = LintRule(
        id: "statement-forbidden-member", severity: .error,
        summary: "The statement carries a member the registrar issues (client_id, client_secret, registration_access_token…).",
        citation: "RFC 7591 §2.3, §3.2.1, RFC 7592 §3",
        rationale: "Client credentials are issued by the registrar in its response; they never belong in a statement, which is handed to many instances and is not secret. A client_secret here is leaked to everyone who holds the statement.",
        profiles: [.softwareStatement]) { token in
        ["client_id", "client_secret", "registration_access_token", "registration_client_uri", "client_secret_expires_at", "client_id_issued_at"].compactMap { name in
            token.claims?[name] == nil ? nil : LintIssue("must not appear in a software statement; the registrar issues it", at: "payload.\(name)")
        }
    }
}
