import Hummingbird
import HTTPTypes

/// `GET /ui/static/NAME`: the web UI's stylesheet and script, from the binary.
struct AssetController {
    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"]

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.getAndHead(":name") { _, context in
            guard let name = context.parameters.get("name"), let type = Self.types[String(name.split(separator: ".").last ?? "")],
                  let text = EmbeddedFiles.files[name] else {
                return Responses.text("no such file\n", status: .notFound)
            }
            return Responses.text(text, status: .ok, contentType: type, headers: [.cacheControl: "no-cache"])
        }
    }
}
