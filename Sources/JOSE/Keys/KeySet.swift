/// A set of keys (RFC 7517 §5), the verifier's source of trust.
public struct KeySet: Sendable {
    /// The keys, in the order a verifier tries them.
    public var keys: [Key]

    /// A set of `keys`.
    public init(_ keys: [Key] = []) { self.keys = keys }

    /// Parses a JWK Set. Keys of a type this library does not know are skipped (RFC 7517 §5); malformed keys are errors.
    public init(jwks: JSONValue) throws(JOSEError) {
        guard let list = jwks["keys"], list.kind == .array else {
            throw JOSEError(.malformed, at: "jwks", "a JWK Set needs a \"keys\" array")
        }
        var keys: [Key] = []
        for (index, member) in list.elements.enumerated() {
            do {
                keys.append(try Key(jwk: member))
            } catch where error.code == .unsupportedAlgorithm && error.location == "jwk.kty" {
                continue
            } catch {
                throw error.relocated(to: "jwks.keys[\(index)]" + error.location.dropFirst("jwk".count))
            }
        }
        self.keys = keys
    }

    /// The public keys as a JWK Set document.
    public func jwks() throws(JOSEError) -> JSONValue {
        var entries: [JSONValue] = []
        for key in keys { entries.append(try key.publicKey.jwk()) }
        return .object([("keys", .array(entries))])
    }
}
