import COpenSSL

extension Key {
    /// Wraps an OpenSSL key, reading its type and size.
    init(evp key: EVPKey) throws(JOSEError) {
        let type: KeyType
        if EVP_PKEY_is_a(key.raw, "RSA") == 1 {
            type = .rsa(bits: Int(EVP_PKEY_get_bits(key.raw)))
        } else if EVP_PKEY_is_a(key.raw, "EC") == 1 {
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_group_name(key.raw, &name, name.count, &length) == 1 else {
                throw OpenSSLFailure.error("the EC key has no named curve (explicit curve parameters are not supported)", code: .keyRejected, at: "key")
            }
            let groupName = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let curve = Curve(openSSLName: groupName) else {
                throw JOSEError(.keyRejected, at: "key", "EC curve \(groupName) is not used by JWS (P-256, P-384, P-521, secp256k1)")
            }
            type = .ec(curve)
        } else if EVP_PKEY_is_a(key.raw, "ED25519") == 1 {
            type = .okp(.ed25519)
        } else if EVP_PKEY_is_a(key.raw, "ED448") == 1 {
            type = .okp(.ed448)
        } else {
            let name = EVP_PKEY_get0_type_name(key.raw).map { String(cString: $0) } ?? "unknown"
            throw JOSEError(.keyRejected, at: "key", "\(name) keys are not used by JWS (RSA, EC, Ed25519, Ed448)")
        }
        self.init(material: .asymmetric(key), type: type, isPrivate: key.hasPrivatePart)
        if case .rsa = type { flaw = RSAPublicKeyCheck.flaw(of: key) }
    }

    /// A symmetric (HMAC) key.
    public init(secret: [UInt8], id: String? = nil) {
        self.init(material: .secret(SecretBytes(secret)), type: .oct(bytes: secret.count), isPrivate: true)
        self.id = id
    }
}
