/// The JOSE header of one signature: the protected header merged with the unprotected one (RFC 7515 §4, §7.2.1).
public struct JOSEHeader: Sendable {
    /// The integrity-protected members (absent when the signature has no protected header).
    public let protected: JSONValue?
    /// The unprotected members (JSON serialization only).
    public let unprotected: JSONValue?

    /// Registered header parameter names (RFC 7515 §4.1, RFC 7516 §4.1); `crit` must not list them.
    public static let registeredNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
        "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
    ]

    /// The header of a signature with these protected and unprotected members.
    public init(protected: JSONValue?, unprotected: JSONValue?) {
        self.protected = protected
        self.unprotected = unprotected
    }

    /// The member `name`, wherever it is.
    public subscript(_ name: String) -> JSONValue? { protected?[name] ?? unprotected?[name] }

    /// Where `name` is, for messages: `header.alg` or `unprotected.alg`.
    public func location(of name: String) -> String {
        protected?[name] == nil && unprotected?[name] != nil ? "unprotected.\(name)" : "header.\(name)"
    }

    /// The members of both parts, protected first.
    public var members: [(name: String, value: JSONValue)] { (protected?.members ?? []) + (unprotected?.members ?? []) }

    /// A string member; `nil` when absent. Throws when present with another type.
    public func string(_ name: String) throws(JOSEError) -> String? {
        guard let value = self[name] else { return nil }
        guard let string = value.stringValue else {
            throw JOSEError(.malformed, at: location(of: name), "must be a string, found \(value.excerpt)")
        }
        return string
    }

    /// `alg`, required.
    public func algorithmName() throws(JOSEError) -> String {
        guard let name = try string("alg") else {
            throw JOSEError(.malformed, at: "header.alg", "missing: every JWS header must name its algorithm (RFC 7515 §4.1.1)")
        }
        return name
    }

    /// `kid`, when present.
    public var keyID: String? { self["kid"]?.stringValue }

    /// `typ`, when present.
    public var type: String? { self["typ"]?.stringValue }

    /// Whether the payload is base64url-encoded: false only for `b64: false` (RFC 7797).
    public var encodesPayload: Bool { self["b64"]?.boolValue ?? true }

    /// Checks the header's shape and its `crit` list (RFC 7515 §4.1.11, RFC 7797 §6).
    /// - Parameter understood: extension names the caller processes, in addition to `b64`.
    public func validate(understanding understood: Set<String> = []) throws(JOSEError) {
        if let protected, let unprotected {
            let shared = protected.memberNames.filter { unprotected[$0] != nil }
            if let name = shared.first {
                throw JOSEError(.malformed, at: "header.\(name)", "appears in both the protected and the unprotected header (RFC 7515 §7.2.1)")
            }
        }
        for name in ["alg", "kid", "typ", "cty", "jku", "x5u"] { _ = try string(name) }
        if let b64 = self["b64"], b64.boolValue == nil {
            throw JOSEError(.malformed, at: location(of: "b64"), "must be true or false, found \(b64.excerpt)")
        }
        if unprotected?["b64"] != nil {
            throw JOSEError(.criticalHeader, at: "unprotected.b64", "b64 must be integrity protected (RFC 7797 §3)")
        }
        if unprotected?["crit"] != nil {
            throw JOSEError(.criticalHeader, at: "unprotected.crit", "crit must be in the protected header (RFC 7515 §4.1.11)")
        }
        let critical = try criticalNames()
        let understood = understood.union(["b64"])
        for name in critical {
            if JOSEHeader.registeredNames.contains(name) {
                throw JOSEError(.criticalHeader, at: "header.crit", "lists \"\(name)\", a name the JWS specification defines (RFC 7515 §4.1.11)")
            }
            if !understood.contains(name) {
                throw JOSEError(.criticalHeader, at: "header.crit", "lists \"\(name)\", an extension this verifier does not understand; the JWS must be rejected (RFC 7515 §4.1.11)")
            }
            if protected?[name] == nil {
                throw JOSEError(.criticalHeader, at: "header.crit", "lists \"\(name)\" but the protected header has no such member")
            }
        }
        if protected?["b64"] != nil && !critical.contains("b64") {
            throw JOSEError(.criticalHeader, at: "header.b64", "b64 is present but not listed in crit (RFC 7797 §6)")
        }
    }

    /// The `crit` names; empty when absent.
    public func criticalNames() throws(JOSEError) -> [String] {
        guard let crit = protected?["crit"] else { return [] }
        guard crit.kind == .array else { throw JOSEError(.criticalHeader, at: "header.crit", "must be an array of names, found \(crit.excerpt)") }
        if crit.count == 0 { throw JOSEError(.criticalHeader, at: "header.crit", "must not be an empty list (RFC 7515 §4.1.11)") }
        var names: [String] = []
        for (index, element) in crit.elements.enumerated() {
            guard let name = element.stringValue else {
                throw JOSEError(.criticalHeader, at: "header.crit[\(index)]", "must be a string, found \(element.excerpt)")
            }
            if names.contains(name) { throw JOSEError(.criticalHeader, at: "header.crit", "lists \"\(name)\" twice") }
            names.append(name)
        }
        return names
    }
}
