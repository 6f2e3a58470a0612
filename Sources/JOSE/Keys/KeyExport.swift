import COpenSSL

/// Writing keys out: JWK, PEM and the public half.
enum KeyExport {
    static func rawPublicKey(_ key: EVPKey) throws(JOSEError) -> [UInt8] {
        try rawKey(key, privatePart: false)
    }

    static func rawKey(_ key: EVPKey, privatePart: Bool) throws(JOSEError) -> [UInt8] {
        var length = 0
        let get = privatePart ? EVP_PKEY_get_raw_private_key : EVP_PKEY_get_raw_public_key
        guard get(key.raw, nil, &length) == 1 else { throw OpenSSLFailure.error("the key has no raw form") }
        var bytes = [UInt8](repeating: 0, count: length)
        guard bytes.withUnsafeMutableBufferPointer({ get(key.raw, $0.baseAddress, &length) }) == 1 else {
            throw OpenSSLFailure.error("the key has no raw form")
        }
        return Array(bytes.prefix(length))
    }

    static func bigNumber(_ name: String, of key: EVPKey, width: Int? = nil) throws(JOSEError) -> [UInt8] {
        guard let number = BigNumber(parameter: name, of: key) else { throw OpenSSLFailure.error("the key has no \"\(name)\" parameter") }
        return number.bytes(width: width)
    }

    /// The key's members in JWK order, private members included when asked and present.
    static func jwkMembers(_ key: Key, includePrivate: Bool) throws(JOSEError) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("kty", .string(key.type.kty))]
        func add(_ name: String, _ bytes: [UInt8]) { members.append((name, .string(Base64URL.encode(bytes)))) }
        switch (key.type, key.material) {
        case (.oct, .secret(let secret)):
            add("k", secret.bytes)
        case (.rsa, .asymmetric(let evp)):
            add("n", try bigNumber("n", of: evp))
            add("e", try bigNumber("e", of: evp))
            if includePrivate && key.isPrivate {
                add("d", try bigNumber("d", of: evp))
                let crt = [("p", "rsa-factor1"), ("q", "rsa-factor2"), ("dp", "rsa-exponent1"), ("dq", "rsa-exponent2"), ("qi", "rsa-coefficient1")]
                for (member, name) in crt {
                    if let number = BigNumber(parameter: name, of: evp) { add(member, number.bytes()) }
                }
            }
        case (.ec(let curve), .asymmetric(let evp)):
            members.append(("crv", .string(curve.rawValue)))
            add("x", try bigNumber("qx", of: evp, width: curve.coordinateSize))
            add("y", try bigNumber("qy", of: evp, width: curve.coordinateSize))
            if includePrivate && key.isPrivate { add("d", try bigNumber("priv", of: evp, width: curve.coordinateSize)) }
        case (.okp(let curve), .asymmetric(let evp)):
            members.append(("crv", .string(curve.rawValue)))
            add("x", try rawKey(evp, privatePart: false))
            if includePrivate && key.isPrivate { add("d", try rawKey(evp, privatePart: true)) }
        default:
            throw JOSEError(.invalidArgument, at: "key", "the key material does not match its type \(key.type)")
        }
        return members
    }

    static func publicOnly(_ key: Key) throws(JOSEError) -> Key {
        var result = try Key(jwk: .object(jwkMembers(key, includePrivate: false)))
        result.id = key.id
        result.algorithmName = key.algorithmName
        result.use = key.use
        result.operations = key.operations?.filter { $0 != "sign" }
        result.certificates = key.certificates
        return result
    }

    static func pem(_ key: Key, includePrivate: Bool) throws(JOSEError) -> String {
        guard let evp = key.evpKey else {
            throw JOSEError(.invalidArgument, at: "key", "a symmetric (oct) key has no PEM form; use JWK")
        }
        let bio = try MemoryBIO()
        let written = includePrivate && key.isPrivate
            ? PEM_write_bio_PrivateKey(bio.raw, evp.raw, nil, nil, 0, nil, nil)
            : PEM_write_bio_PUBKEY(bio.raw, evp.raw)
        guard written == 1 else { throw OpenSSLFailure.error("PEM encoding failed") }
        return String(decoding: bio.contents, as: UTF8.self)
    }
}

extension Key {
    /// The key as a JWK, with `kid`, `alg`, `use`, `key_ops` when set. Private members only when `includePrivate`.
    public func jwk(includePrivate: Bool = false) throws(JOSEError) -> JSONValue {
        var members = try KeyExport.jwkMembers(self, includePrivate: includePrivate)
        if let id { members.append(("kid", .string(id))) }
        if let algorithmName { members.append(("alg", .string(algorithmName))) }
        if let use { members.append(("use", .string(use))) }
        if let operations { members.append(("key_ops", .array(operations.map(JSONValue.string)))) }
        if !certificates.isEmpty { members.append(("x5c", .array(certificates.map { .string(Base64.encode($0.der)) }))) }
        return .object(members)
    }

    /// The key as PEM: PKCS#8 `PRIVATE KEY` when `includePrivate` and the key is private, else SPKI `PUBLIC KEY`.
    public func pem(includePrivate: Bool = false) throws(JOSEError) -> String {
        try KeyExport.pem(self, includePrivate: includePrivate)
    }

    /// The RFC 7638 JWK thumbprint: the digest of the required public members in lexicographic order, base64url.
    public func thumbprint(_ digest: Digest = .sha256) throws(JOSEError) -> String {
        try Base64URL.encode(digest.hash(Array(thumbprintInput.utf8)))
    }

    /// The RFC 7638 hash input, e.g. `{"e":"AQAB","kty":"RSA","n":"…"}`.
    public var thumbprintInput: String {
        get throws(JOSEError) {
            let members = try KeyExport.jwkMembers(self, includePrivate: false)
            return JSONValue.object(members.sorted { $0.0 < $1.0 }).compact
        }
    }
}
