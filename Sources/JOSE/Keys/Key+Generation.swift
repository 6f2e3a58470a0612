import COpenSSL

/// What kind of key to generate.
public enum KeySpec: Sendable, Equatable {
    /// RSA with a modulus of `bits` bits (at least 2048 to sign under the standard policy).
    case rsa(bits: Int)
    /// An EC key on a NIST curve or secp256k1.
    case ec(Curve)
    /// An OKP key on Ed25519 or Ed448.
    case okp(Curve)
    /// A shared secret of `bytes` bytes.
    case oct(bytes: Int)
}

extension Key {
    /// Generates a fresh private key with OpenSSL's CSPRNG.
    public static func generate(_ spec: KeySpec) throws(JOSEError) -> Key {
        switch spec {
        case .oct(let count):
            guard count >= 16 else { throw JOSEError(.invalidArgument, at: "size", "an HMAC secret of \(count) bytes is too short (at least 32 for HS256)") }
            var secret = [UInt8](repeating: 0, count: count)
            guard secret.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, Int32(count)) }) == 1 else {
                throw OpenSSLFailure.error("RAND_bytes failed")
            }
            return Key(secret: secret)
        case .rsa(let bits):
            guard [2048, 3072, 4096].contains(bits) else {
                throw JOSEError(.invalidArgument, at: "size", "RSA keys are generated with 2048, 3072 or 4096 bits, not \(bits)")
            }
            let context = try KeyContext(algorithm: "RSA")
            guard EVP_PKEY_keygen_init(context.raw) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context.raw, Int32(bits)) == 1 else {
                throw OpenSSLFailure.error("RSA key generation setup failed")
            }
            return try Key(evp: generate(context))
        case .ec(let curve):
            guard !curve.isEdwards else { throw JOSEError(.invalidArgument, at: "curve", "\(curve.rawValue) is an OKP curve; use --type okp") }
            let context = try KeyContext(algorithm: "EC")
            guard EVP_PKEY_keygen_init(context.raw) == 1, EVP_PKEY_CTX_set_group_name(context.raw, curve.openSSLName) == 1 else {
                throw OpenSSLFailure.error("EC key generation setup failed")
            }
            return try Key(evp: generate(context))
        case .okp(let curve):
            guard curve.isEdwards else { throw JOSEError(.invalidArgument, at: "curve", "\(curve.rawValue) is an EC curve; use --type ec") }
            let context = try KeyContext(algorithm: curve.openSSLName)
            guard EVP_PKEY_keygen_init(context.raw) == 1 else { throw OpenSSLFailure.error("\(curve.rawValue) key generation setup failed") }
            return try Key(evp: generate(context))
        }
    }

    private static func generate(_ context: KeyContext) throws(JOSEError) -> EVPKey {
        var key: OpaquePointer? = nil
        guard EVP_PKEY_generate(context.raw, &key) == 1, let key else { throw OpenSSLFailure.error("key generation failed") }
        return EVPKey(adopting: key)
    }
}
