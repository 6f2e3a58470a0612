import Foundation
import JOSE

/// An application registered in the dashboard: what a software statement vouches for.
public struct RegisteredApplication: Sendable, Equatable {
    public enum Status: String, Sendable { case active, revoked }

    /// A UUID; the software id of every statement minted for it.
    public let id: String
    public let name: String
    public let version: String
    public let platforms: [String]
    /// Redirect URIs must lie within these (a host or its subdomains, or a private-use scheme).
    public let domains: [String]
    public let scopes: [String]
    /// Whose statements name this application (this server's issuer, or a trusted foreign one).
    public let issuer: String
    public let status: Status
    public let createdAt: Double
    public let revokedAt: Double?

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("name", .string(name)), ("version", .string(version)),
            ("platforms", .array(platforms.map(JSONValue.string))), ("domains", .array(domains.map(JSONValue.string))),
            ("scopes", .array(scopes.map(JSONValue.string))), ("issuer", .string(issuer)), ("status", .string(status.rawValue)),
            ("created", .string(NumericDate(createdAt).iso8601)),
        ]
        if let revokedAt { members.append(("revoked", .string(NumericDate(revokedAt).iso8601))) }
        return .object(members)
    }

    /// Whether `uri` lies within the application's domains. A web URI (`https`, or plain `http` to loopback only) needs
    /// its host to be a domain or a subdomain of one. An app's own scheme names the app in reverse-DNS form — either as
    /// the authority (`adobepass://com.programmer`, `app://com.programmer.adobe`, the register page's samples) or as the
    /// scheme itself (`com.example.app:/cb`, RFC 8252 §7.1) — and matches when that name, read either way round, is a
    /// domain or a subdomain of one: `com.programmer.adobe` is `adobe.programmer.com`, within `programmer.com`.
    /// Fragments, and schemes that run code or embed content (`javascript:`, `data:`, `file:`…), never match.
    public func allowsRedirect(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(), components.fragment == nil,
              !Self.forbiddenSchemes.contains(scheme) else { return false }
        let host = components.host?.lowercased() ?? ""
        if scheme == "https" || scheme == "http" {
            let loopback = host == "localhost" || host == "127.0.0.1" || host == "::1"
            guard !host.isEmpty, scheme == "https" || loopback else { return false }
            return within(host)
        }
        let name = host.isEmpty ? scheme : host
        guard name.contains(".") else { return false }
        return within(name) || within(name.split(separator: ".").reversed().joined(separator: "."))
    }

    private func within(_ host: String) -> Bool { domains.contains { host == $0 || host.hasSuffix("." + $0) } }

    /// Schemes that run code, embed content or name local resources: never a redirect target.
    static let forbiddenSchemes: Set<String> = ["javascript", "data", "vbscript", "file", "about", "blob", "filesystem", "ftp", "ws", "wss"]
}

/// What `app create` asks for.
public struct NewApplication: Sendable {
    public var name: String
    public var version: String
    public var platforms: [String]
    public var domains: [String]
    public var scopes: [String]
    /// A specific id (to mirror an application registered elsewhere); default a fresh UUID.
    public var id: String?

    public init(name: String, version: String = "1.0.0", platforms: [String] = [], domains: [String] = [], scopes: [String] = [], id: String? = nil) {
        self.name = name
        self.version = version
        self.platforms = platforms
        self.domains = domains
        self.scopes = scopes
        self.id = id
    }

    /// Checks every field, naming the first that is wrong.
    func validated() throws(DCRError) -> NewApplication {
        func clean(_ value: String, _ field: String, maximum: Int = 200) throws(DCRError) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= maximum, !trimmed.containsControlCharacters, !trimmed.containsBidiControls else {
                throw DCRError.badRequest("\(field) must be 1–\(maximum) characters without control characters or bidirectional overrides, got \(JSONValue.string(value).excerpt)")
            }
            return trimmed
        }
        var result = self
        result.name = try clean(name, "name")
        result.version = try clean(version, "version", maximum: 64)
        var platforms: [String] = []
        for platform in self.platforms { platforms.append(try clean(platform, "platform", maximum: 64)) }
        result.platforms = platforms
        var domains: [String] = []
        for domain in self.domains {
            let value = try clean(domain, "domain", maximum: 253).lowercased()
            let host = URLComponents(string: value)?.host ?? value
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }), host.contains(".") || host == "localhost" else {
                throw DCRError.badRequest("domain \(JSONValue.string(domain).excerpt) must be a host name such as example.com (or a private-use scheme such as com.example.app)")
            }
            domains.append(host)
        }
        result.domains = domains
        var scopes: [String] = []
        for scope in self.scopes {
            let value = try clean(scope, "scope", maximum: 128)
            guard !value.contains(" ") && !value.contains(",") else { throw DCRError.badRequest("scope \(JSONValue.string(scope).excerpt) must not contain spaces or commas") }
            scopes.append(value)
        }
        result.scopes = scopes
        if let id, !UUIDText.isValid(id) { throw DCRError.badRequest("id must be a UUID, got \(JSONValue.string(id).excerpt)") }
        return result
    }
}

enum UUIDText {
    static func isValid(_ text: String) -> Bool { UUID(uuidString: text) != nil }
}
