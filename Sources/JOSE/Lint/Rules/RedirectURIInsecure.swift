extension LintRule {
    static let redirectURIInsecure = LintRule(
        id: "redirect-uri-insecure", severity: .error,
        summary: "A redirect URI uses plain http to a host other than loopback.",
        citation: "RFC 6749 §3.1.2.1, RFC 8252 §7.3, RFC 9700 §4.1.1",
        rationale: "Authorization codes and tokens sent to an http redirect URI can be read and altered on the network. Use https, a loopback address for native apps (http://127.0.0.1:port/), or a private-use scheme (com.example.app:/callback).",
        profiles: [.softwareStatement]) { token in
        RedirectURI.all(in: token).compactMap { uri in
            guard uri.scheme == "http", !uri.isLoopback else { return nil }
            return LintIssue("\"\(uri.text)\" uses http to \(uri.host ?? "a host") that is not loopback; use https", at: uri.location)
        }
    }
}
