/// A parsed JWS: its payload and one or more signatures, exactly as received.
///
/// Parsing checks structure only (segments, base64url, header JSON, `crit`); it trusts nothing.
/// Use ``JWSVerifier`` to check signatures.
public struct JWS: Sendable {
    /// The form the JWS was received in.
    public enum Serialization: String, Sendable {
        /// `header.payload.signature` (RFC 7515 §7.1).
        case compact
        /// A JSON object with one signature's members at the top level (RFC 7515 §7.2.2).
        case flattened
        /// A JSON object with a `signatures` array (RFC 7515 §7.2.1).
        case general
    }

    /// One signature with its header (RFC 7515 §7.2.1).
    public struct Signature: Sendable {
        /// The signature's protected and unprotected header members.
        public let header: JOSEHeader
        /// The protected header exactly as received (base64url), part of the signing input.
        public let encodedProtectedHeader: String
        /// The signature bytes, decoded from base64url.
        public let signature: [UInt8]
    }

    /// The serialization it was parsed from (or is to be written in by default).
    public let serialization: Serialization
    /// The payload bytes (decoded from base64url unless `b64: false`).
    public let payload: [UInt8]
    /// The payload as it appears in the signing input: base64url text, or the raw bytes for `b64: false`.
    let signingPayload: [UInt8]
    /// Whether the payload was supplied separately (RFC 7515 Appendix F).
    public let isDetached: Bool
    /// Every signature, in the order received; a compact or flattened JWS has one.
    public let signatures: [Signature]
    /// The signing input of an attached compact JWS, kept from parsing so verification copies nothing.
    var compactSigningInput: [UInt8]? = nil

    /// The header of the first (for compact, the only) signature.
    public var header: JOSEHeader { signatures[0].header }

    /// `BASE64URL(protected) || '.' || payload` for signature `index`.
    func signingInput(of index: Int) -> [UInt8] {
        if let compactSigningInput { return compactSigningInput }
        return Array(signatures[index].encodedProtectedHeader.utf8) + [UInt8(ascii: ".")] + signingPayload
    }

    /// The payload as a JSON object when it is a valid one (the JWS is then a JWT), else nil.
    /// Use ``claimSet()`` to tell a payload that is not JSON from one that is broken JSON.
    public var claims: JSONValue? { (try? claimSet()) ?? nil }

    /// The payload read as a JWT claim set (strictly: duplicate members, invalid UTF-8 and the rest are refused).
    /// - Returns: the claims object, or nil when the payload is plainly not JSON (it does not begin with `{` and the
    ///   header's `typ` does not say JWT): a JWS that is not a JWT.
    /// - Throws: when the payload is meant as a claim set (it begins with `{`, or `typ` is `JWT`, `application/jwt`
    ///   or `…+jwt`) but is not a valid JSON object, so that a broken claim set can never pass as "not a JWT".
    public func claimSet() throws(JOSEError) -> JSONValue? {
        guard payload.opensJSONObject || JWS.typeSaysJWT(header.type) else { return nil }
        let json: JSONValue
        do { json = try JSONValue.parse(payload) } catch {
            throw JOSEError(.malformed, at: error.location.isEmpty ? "payload" : "payload \(error.location)", "is not a valid JWT claim set: \(error.reason)")
        }
        guard json.isObject else {
            throw JOSEError(.malformed, at: "payload", "is not a valid JWT claim set: a JSON object is required, found \(json.kind.phrase)")
        }
        return json
    }

    /// Whether a header `typ` declares a JWT: `JWT`, `application/jwt` or a `+jwt` media type (RFC 7519 §5.1, RFC 8725 §3.11).
    static func typeSaysJWT(_ type: String?) -> Bool {
        guard var type = type?.lowercased() else { return false }
        if type.hasPrefix("application/") { type.removeFirst("application/".count) }
        return type == "jwt" || type.hasSuffix("+jwt")
    }

    /// Parses a compact or JSON serialization, whichever `text` holds.
    /// - Parameters:
    ///   - text: the token.
    ///   - detachedPayload: the payload when it travels separately (the compact form's middle segment is then empty).
    ///   - understood: `crit` extensions the caller processes itself (besides `b64`).
    public static func parse(_ text: String, detachedPayload: [UInt8]? = nil, understanding understood: Set<String> = []) throws(JOSEError) -> JWS {
        var text = text
        let bytes = text.withUTF8 { Array($0) }
        if bytes.opensJSONObject {
            return try parseJSON(bytes, detachedPayload: detachedPayload, understanding: understood)
        }
        return try parseCompact(bytes, detachedPayload: detachedPayload, understanding: understood)
    }
}
