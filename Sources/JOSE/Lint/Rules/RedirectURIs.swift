/// A parsed `redirect_uris` entry, shared by the redirect-URI rules.
struct RedirectURI {
    let index: Int
    let text: String
    /// Lower-cased scheme, or nil when the URI is not absolute.
    let scheme: String?
    let host: String?

    var location: String { "payload.redirect_uris[\(index)]" }

    init(index: Int, text: String) {
        self.index = index
        self.text = text
        if let colon = text.firstIndex(of: ":"), colon != text.startIndex,
           text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }), text.first?.isLetter == true {
            scheme = text[..<colon].lowercased()
            let rest = text[text.index(after: colon)...]
            if rest.hasPrefix("//") {
                let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                let hostPort = authority.split(separator: "@").last.map(String.init) ?? ""
                if hostPort.hasPrefix("[") {
                    host = hostPort.split(separator: "]").first.map { $0 + "]" }
                } else {
                    host = hostPort.split(separator: ":").first.map(String.init)?.lowercased()
                }
            } else {
                host = nil
            }
        } else {
            scheme = nil
            host = nil
        }
    }

    /// The statement's redirect URIs that are strings; other entries are reported by `redirect-uri-form`.
    static func all(in token: LintedToken) -> [RedirectURI] {
        guard let list = token.claims?["redirect_uris"], list.kind == .array else { return [] }
        return list.elements.enumerated().compactMap { index, element in element.stringValue.map { RedirectURI(index: index, text: $0) } }
    }

    var isLoopback: Bool { host.map(LoopbackHost.contains) ?? false }
}
