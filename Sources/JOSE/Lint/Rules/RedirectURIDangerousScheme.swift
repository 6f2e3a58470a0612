extension LintRule {
    static let redirectURIDangerousScheme = LintRule(
        id: "redirect-uri-dangerous-scheme", severity: .error,
        summary: "A redirect URI uses a scheme that runs code or embeds content (javascript:, data:, vbscript:, file:).",
        citation: "RFC 6819 §4.2.4, RFC 9700 §4.1",
        rationale: "Redirecting to javascript:, data: or vbscript: executes attacker-chosen content in the user's browser with the authorization response in hand; file: reads local files. No legitimate client registers these.",
        profiles: [.softwareStatement]) { token in
        RedirectURI.all(in: token).compactMap { uri in
            guard let scheme = uri.scheme, ["javascript", "data", "vbscript", "file"].contains(scheme) else { return nil }
            return LintIssue("\"\(uri.text.prefix(60))\" uses the \(scheme): scheme, never a valid redirect target", at: uri.location)
        }
    }
}
