import Hummingbird
import HTTPTypes
import Mustache

/// The web UI's templates (the `.mustache` files embedded from `Embedded/`), rendered into HTML responses. Every value
/// a template shows is HTML-escaped by Mustache's `{{name}}`; no template uses the unescaped `{{{name}}}`.
struct UIPages: Sendable {
    private let library: MustacheLibrary

    /// The embedded templates, parsed once.
    static let shared: Result<UIPages, any Error> = Result { try UIPages() }

    private init() throws {
        var library = MustacheLibrary()
        for (name, text) in EmbeddedFiles.files where name.hasSuffix(".mustache") {
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// `template` rendered with `page` by the embedded templates (a 500 naming the problem if they do not parse).
    static func respond(_ template: String, _ page: Any, status: HTTPResponse.Status = .ok) -> Response {
        switch shared {
        case .success(let pages): pages.render(template, page, status: status)
        case .failure(let error): Responses.text("the web UI's templates do not parse: \(error)\n", status: .internalServerError)
        }
    }

    /// `template` rendered with `page`, as an HTML response that no cache keeps (a page may show what was pasted).
    func render(_ template: String, _ page: Any, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(page, withTemplate: template) else {
            return Responses.text("the page \(template) is missing from this build\n", status: .internalServerError)
        }
        return Responses.text(html, status: status, contentType: "text/html; charset=utf-8", headers: [.cacheControl: "no-store"])
    }
}
