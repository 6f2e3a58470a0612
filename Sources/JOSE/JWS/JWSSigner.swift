/// Produces JWS: one or more signatures over a payload.
public struct JWSSigner: Sendable {
    /// One signer's contribution: key, algorithm and header members.
    public struct Signing: Sendable {
        /// The private key (or shared secret) that signs.
        public var key: Key
        /// The algorithm, which must fit the key (``Key/refusal(for:)``).
        public var algorithm: Algorithm
        /// Protected header members besides `alg` (e.g. `kid`, `typ`), in order.
        public var protectedHeader: [(String, JSONValue)]
        /// Unprotected header members (JSON serialization only).
        public var unprotectedHeader: [(String, JSONValue)]

        /// One signature by `key` with `algorithm` and these header members besides `alg`.
        public init(key: Key, algorithm: Algorithm, protectedHeader: [(String, JSONValue)] = [], unprotectedHeader: [(String, JSONValue)] = []) {
            self.key = key
            self.algorithm = algorithm
            self.protectedHeader = protectedHeader
            self.unprotectedHeader = unprotectedHeader
        }
    }

    /// Which keys may sign: a key the policy refuses is an error, not a weak signature.
    public var keyPolicy: KeyPolicy

    /// A signer that refuses keys `keyPolicy` refuses.
    public init(keyPolicy: KeyPolicy = .standard) { self.keyPolicy = keyPolicy }

    /// Signs `payload` once per entry of `signings`.
    /// - Parameters:
    ///   - payload: the bytes to sign.
    ///   - signings: one key, algorithm and header per signature (one gives a compact JWS, several a general one).
    ///   - encodePayload: false for an unencoded payload (RFC 7797): `b64: false` is added and listed in `crit`.
    ///   - detached: leave the payload out of the serialization (RFC 7515 Appendix F).
    public func sign(_ payload: [UInt8], with signings: [Signing], encodePayload: Bool = true, detached: Bool = false) throws(JOSEError) -> JWS {
        guard !signings.isEmpty else { throw JOSEError(.invalidArgument, at: "key", "no key to sign with") }
        let signingPayload = encodePayload ? Array(Base64URL.encode(payload).utf8) : payload
        var signatures: [JWS.Signature] = []
        for signing in signings {
            var members: [(String, JSONValue)] = [("alg", .string(signing.algorithm.rawValue))]
            members += signing.protectedHeader.filter { $0.0 != "alg" && $0.0 != "b64" && $0.0 != "crit" }
            var critical = signing.protectedHeader.first { $0.0 == "crit" }?.1.elements.compactMap(\.stringValue) ?? []
            if !encodePayload {
                members.append(("b64", false))
                if !critical.contains("b64") { critical.append("b64") }
            }
            if !critical.isEmpty { members.append(("crit", .array(critical.map(JSONValue.string)))) }
            let protected = JSONValue.object(members)
            let unprotected = signing.unprotectedHeader.isEmpty ? nil : JSONValue.object(signing.unprotectedHeader)
            let header = JOSEHeader(protected: protected, unprotected: unprotected)
            try header.validate()
            let encodedHeader = Base64URL.encode(protected.serialized())
            let input = Array(encodedHeader.utf8) + [UInt8(ascii: ".")] + signingPayload
            let signature = try signing.algorithm.sign(input, with: signing.key, policy: keyPolicy)
            signatures.append(JWS.Signature(header: header, encodedProtectedHeader: encodedHeader, signature: signature))
        }
        return JWS(serialization: signings.count == 1 ? .compact : .general, payload: payload,
                   signingPayload: signingPayload, isDetached: detached, signatures: signatures)
    }

    /// Signs `claims` (a JSON object) as a compact JWT. The header gets `kid` as the CLI sets it
    /// (``Key/defaultKeyID(for:)``), unless `header` names one.
    /// - Parameters:
    ///   - claims: the claim set.
    ///   - key: the private key or secret.
    ///   - algorithm: the algorithm; it must fit the key.
    ///   - header: protected header members besides `alg`, in order; a dictionary literal works (`["typ": "JWT"]`).
    public func signJWT(_ claims: JSONValue, key: Key, algorithm: Algorithm, header: JSONValue = [:]) throws(JOSEError) -> String {
        var members = header.members.map { ($0.name, $0.value) }
        if header["kid"] == nil, let kid = try key.defaultKeyID(for: algorithm) { members.append(("kid", .string(kid))) }
        return try signJWT(claims, key: key, algorithm: algorithm, header: members)
    }

    /// Signs `claims` as a compact JWT with exactly the protected header members given (besides `alg`), in order —
    /// no `kid` is added (the service's own statements carry none).
    public func signJWT(_ claims: JSONValue, key: Key, algorithm: Algorithm, header: [(String, JSONValue)]) throws(JOSEError) -> String {
        guard claims.isObject else { throw JOSEError(.invalidArgument, at: "payload", "JWT claims must be a JSON object, found \(claims.kind.phrase)") }
        return try sign(claims.serialized(), with: [Signing(key: key, algorithm: algorithm, protectedHeader: header)]).serialized(as: .compact)
    }
}
