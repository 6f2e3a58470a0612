import COpenSSL

extension Key {
    /// Parses a JWK (RFC 7517, RFC 7518 §6, RFC 8037 §2): RSA (with CRT members when private), EC P-256/384/521 and
    /// secp256k1, OKP Ed25519/Ed448, oct. Every member is checked for type, strict base64url and length.
    public init(jwk: JSONValue) throws(JOSEError) {
        guard jwk.isObject else { throw JOSEError(.malformed, at: "jwk", "a JWK must be a JSON object, found \(jwk.kind.phrase)") }
        let reader = JWKReader(jwk)
        let kty = try reader.requiredString("kty")
        switch kty {
        case "RSA": self = try Key.rsa(reader)
        case "EC": self = try Key.ec(reader)
        case "OKP": self = try Key.okp(reader)
        case "oct":
            let secret = try reader.requiredBytes("k")
            if secret.isEmpty { throw JOSEError(.malformed, at: "jwk.k", "the secret is empty") }
            self.init(secret: secret)
        default:
            throw JOSEError(.unsupportedAlgorithm, at: "jwk.kty", "key type \"\(kty)\" is not supported (RSA, EC, OKP, oct)")
        }
        id = try reader.optionalString("kid")
        algorithmName = try reader.optionalString("alg")
        use = try reader.optionalString("use")
        operations = try reader.optionalStrings("key_ops")
        if let chain = try reader.optionalStrings("x5c") {
            var certificates: [Certificate] = []
            for (index, encoded) in chain.enumerated() {
                do { certificates.append(try Certificate(der: Base64.decode(encoded))) } catch { throw error.relocated(to: "jwk.x5c[\(index)]") }
            }
            self.certificates = certificates
        }
    }

    private static func rsa(_ reader: JWKReader) throws(JOSEError) -> Key {
        let builder = try ParameterBuilder()
        try builder.push("n", bigEndian: reader.requiredBytes("n"))
        try builder.push("e", bigEndian: reader.requiredBytes("e"))
        let isPrivate = reader.has("d")
        if isPrivate {
            if reader.has("oth") { throw JOSEError(.unsupportedAlgorithm, at: "jwk.oth", "multi-prime RSA keys are not supported") }
            try builder.push("d", bigEndian: reader.requiredBytes("d"))
            let crt = ["p", "q", "dp", "dq", "qi"]
            let present = crt.filter(reader.has)
            if !present.isEmpty {
                guard present.count == crt.count else {
                    throw JOSEError(.malformed, at: "jwk", "an RSA private key must have all of p, q, dp, dq, qi or none (has \(present.joined(separator: ", ")))")
                }
                let names = ["rsa-factor1", "rsa-factor2", "rsa-exponent1", "rsa-exponent2", "rsa-coefficient1"]
                for (member, name) in zip(crt, names) { try builder.push(name, bigEndian: reader.requiredBytes(member)) }
            }
        }
        return try Key(evp: builder.makeKey(algorithm: "RSA", includingPrivate: isPrivate))
    }

    private static func ec(_ reader: JWKReader) throws(JOSEError) -> Key {
        let name = try reader.requiredString("crv")
        guard let curve = Curve(rawValue: name), !curve.isEdwards else {
            throw JOSEError(.unsupportedAlgorithm, at: "jwk.crv", "EC curve \"\(name)\" is not supported (P-256, P-384, P-521, secp256k1)")
        }
        let x = try reader.requiredBytes("x", length: curve.coordinateSize)
        let y = try reader.requiredBytes("y", length: curve.coordinateSize)
        let builder = try ParameterBuilder()
        try builder.push("group", utf8: curve.openSSLName)
        try builder.push("pub", octets: [0x04] + x + y)
        let isPrivate = reader.has("d")
        if isPrivate { try builder.push("priv", bigEndian: reader.requiredBytes("d", length: curve.coordinateSize)) }
        let key: EVPKey
        do { key = try builder.makeKey(algorithm: "EC", includingPrivate: isPrivate) } catch {
            throw JOSEError(.malformed, at: "jwk", "the point (x, y) is not on curve \(curve.rawValue)")
        }
        let checker = try KeyContext(key: key)
        let valid = isPrivate ? EVP_PKEY_pairwise_check(checker.raw) : EVP_PKEY_public_check(checker.raw)
        guard valid == 1 else {
            OpenSSLFailure.drain()
            throw JOSEError(.malformed, at: "jwk", isPrivate ? "d does not match the public point (x, y)" : "the point (x, y) is not a valid \(curve.rawValue) public key")
        }
        return try Key(evp: key)
    }

    private static func okp(_ reader: JWKReader) throws(JOSEError) -> Key {
        let name = try reader.requiredString("crv")
        guard let curve = Curve(rawValue: name), curve.isEdwards else {
            throw JOSEError(.unsupportedAlgorithm, at: "jwk.crv", "OKP curve \"\(name)\" is not supported for signatures (Ed25519, Ed448)")
        }
        let x = try reader.requiredBytes("x", length: curve.coordinateSize)
        let raw: OpaquePointer?
        if reader.has("d") {
            let d = try reader.requiredBytes("d", length: curve.coordinateSize)
            raw = d.withUnsafeBufferPointer { EVP_PKEY_new_raw_private_key_ex(nil, curve.openSSLName, nil, $0.baseAddress, $0.count) }
        } else {
            raw = x.withUnsafeBufferPointer { EVP_PKEY_new_raw_public_key_ex(nil, curve.openSSLName, nil, $0.baseAddress, $0.count) }
        }
        guard let raw else { throw OpenSSLFailure.error("OpenSSL refused the \(curve.rawValue) key", code: .malformed, at: "jwk") }
        let key = EVPKey(adopting: raw)
        if reader.has("d"), try KeyExport.rawPublicKey(key) != x {
            throw JOSEError(.malformed, at: "jwk.x", "x is not the public key that belongs to d")
        }
        return try Key(evp: key)
    }
}

/// Typed access to JWK members with errors that name the member.
struct JWKReader {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    func has(_ name: String) -> Bool { json[name] != nil }

    func requiredString(_ name: String) throws(JOSEError) -> String {
        guard let value = json[name] else { throw JOSEError(.malformed, at: "jwk", "member \"\(name)\" is missing") }
        guard let string = value.stringValue else { throw JOSEError(.malformed, at: "jwk.\(name)", "must be a string, found \(value.excerpt)") }
        return string
    }

    func optionalString(_ name: String) throws(JOSEError) -> String? {
        guard has(name) else { return nil }
        return try requiredString(name)
    }

    func optionalStrings(_ name: String) throws(JOSEError) -> [String]? {
        guard let value = json[name] else { return nil }
        guard value.kind == .array else { throw JOSEError(.malformed, at: "jwk.\(name)", "must be an array of strings, found \(value.excerpt)") }
        var strings: [String] = []
        for (index, element) in value.elements.enumerated() {
            guard let string = element.stringValue else { throw JOSEError(.malformed, at: "jwk.\(name)[\(index)]", "must be a string, found \(element.excerpt)") }
            strings.append(string)
        }
        return strings
    }

    func requiredBytes(_ name: String, length: Int? = nil) throws(JOSEError) -> [UInt8] {
        let encoded = try requiredString(name)
        let bytes: [UInt8]
        do { bytes = try Base64URL.decode(encoded) } catch { throw error.relocated(to: "jwk.\(name)") }
        if let length, bytes.count != length {
            throw JOSEError(.malformed, at: "jwk.\(name)", "must be \(length) bytes, found \(bytes.count)")
        }
        return bytes
    }
}
