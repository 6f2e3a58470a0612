extension LintRule {
    static let redirectURIForm = LintRule(
        id: "redirect-uri-form", severity: .error,
        summary: "redirect_uris must be an array of absolute URIs without fragments.",
        citation: "RFC 7591 §2, RFC 6749 §3.1.2",
        rationale: "The authorization server compares redirect URIs exactly; they must be absolute and must not contain a fragment. A relative URI or a fragment is rejected at registration or, worse, matched loosely.",
        profiles: [.softwareStatement]) { token in
        guard let list = token.claims?["redirect_uris"] else { return [] }
        guard list.kind == .array else { return [LintIssue("must be an array of URIs, found \(list.excerpt)", at: "payload.redirect_uris")] }
        var issues: [LintIssue] = []
        for (index, element) in list.elements.enumerated() {
            guard let text = element.stringValue else {
                issues.append(LintIssue("must be a string, found \(element.excerpt)", at: "payload.redirect_uris[\(index)]"))
                continue
            }
            let uri = RedirectURI(index: index, text: text)
            if uri.scheme == nil { issues.append(LintIssue("\"\(text)\" is not an absolute URI", at: uri.location)) }
            if text.contains("#") { issues.append(LintIssue("\"\(text)\" has a fragment, which redirect URIs must not have", at: uri.location)) }
        }
        return issues
    }
}
