import JOSE

/// The admin API's `POST /admin/applications` body, written by the client and read by the server:
/// `{"name", "version", "platforms", "domains", "scopes", "id"}` (all but `name` optional).
extension NewApplication {
    /// The request body for this application.
    public var requestBody: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("version", .string(version)), ("platforms", .array(platforms.map(JSONValue.string))),
            ("domains", .array(domains.map(JSONValue.string))), ("scopes", .array(scopes.map(JSONValue.string))),
        ]
        if let id { members.append(("id", .string(id))) }
        return .object(members)
    }

    /// Reads a request body; each field is checked later, by the catalog.
    public init(requestBody json: JSONValue) throws(DCRError) {
        guard json.isObject else {
            throw DCRError.badRequest("the body must be a JSON object: {\"name\": …, \"version\", \"platforms\", \"domains\", \"scopes\"}")
        }
        func strings(_ name: String) throws(DCRError) -> [String] {
            guard let value = json[name] else { return [] }
            guard value.kind == .array, value.elements.allSatisfy({ $0.kind == .string }) else { throw DCRError.badRequest("\(name) must be an array of strings") }
            return value.elements.compactMap(\.stringValue)
        }
        guard let name = json["name"]?.stringValue else { throw DCRError.badRequest("name is required (a string)") }
        self.init(name: name, version: json["version"]?.stringValue ?? "1.0.0", platforms: try strings("platforms"),
                  domains: try strings("domains"), scopes: try strings("scopes"), id: json["id"]?.stringValue)
    }
}
