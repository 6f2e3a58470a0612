/// A JWS algorithm (RFC 7518 §3, RFC 8037, RFC 8812, RFC 9864).
public enum Algorithm: String, Sendable, CaseIterable, CustomStringConvertible {
    /// HMAC with SHA-256 (RFC 7518 §3.2); the key is a shared secret of at least 32 bytes.
    case hs256 = "HS256"
    /// HMAC with SHA-384; a secret of at least 48 bytes.
    case hs384 = "HS384"
    /// HMAC with SHA-512; a secret of at least 64 bytes.
    case hs512 = "HS512"
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3): the usual software statement algorithm.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"
    /// RSASSA-PSS with SHA-256 and MGF1 with SHA-256 (RFC 7518 §3.5).
    case ps256 = "PS256"
    /// RSASSA-PSS with SHA-384.
    case ps384 = "PS384"
    /// RSASSA-PSS with SHA-512.
    case ps512 = "PS512"
    /// ECDSA on P-256 with SHA-256 (RFC 7518 §3.4); the signature is R‖S, 64 bytes.
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384; 96-byte signatures.
    case es384 = "ES384"
    /// ECDSA on P-521 with SHA-512; 132-byte signatures.
    case es512 = "ES512"
    /// ECDSA on secp256k1 with SHA-256 (RFC 8812).
    case es256k = "ES256K"
    /// EdDSA with the key's curve (RFC 8037).
    case edDSA = "EdDSA"
    /// Fully specified EdDSA names (RFC 9864).
    case ed25519 = "Ed25519", ed448 = "Ed448"
    /// The unsecured JWS (RFC 7515 §A.5). It can be decoded and never verifies.
    case none = "none"

    /// How the algorithm signs.
    public enum Family: Sendable, Equatable {
        /// A MAC over the signing input with a shared secret.
        case hmac(Digest)
        /// An RSA signature with PKCS #1 v1.5 padding.
        case rsaPKCS1(Digest)
        /// An RSA signature with PSS padding (salt as long as the digest).
        case rsaPSS(Digest)
        /// An ECDSA signature on the curve, of the digest.
        case ecdsa(Curve, Digest)
        /// An EdDSA signature; the curve when the algorithm name fixes it (`Ed25519`), `nil` for `EdDSA`.
        case eddsa(Curve?)
        /// No signature at all: `none`.
        case unsecured
    }

    /// How this algorithm signs: its family, digest and curve.
    public var family: Family {
        switch self {
        case .hs256: .hmac(.sha256)
        case .hs384: .hmac(.sha384)
        case .hs512: .hmac(.sha512)
        case .rs256: .rsaPKCS1(.sha256)
        case .rs384: .rsaPKCS1(.sha384)
        case .rs512: .rsaPKCS1(.sha512)
        case .ps256: .rsaPSS(.sha256)
        case .ps384: .rsaPSS(.sha384)
        case .ps512: .rsaPSS(.sha512)
        case .es256: .ecdsa(.p256, .sha256)
        case .es384: .ecdsa(.p384, .sha384)
        case .es512: .ecdsa(.p521, .sha512)
        case .es256k: .ecdsa(.secp256k1, .sha256)
        case .edDSA: .eddsa(nil)
        case .ed25519: .eddsa(.ed25519)
        case .ed448: .eddsa(.ed448)
        case .none: .unsecured
        }
    }

    /// The JOSE name, as in `alg`: `RS256`.
    public var description: String { rawValue }

    /// Whether a public key can verify it (everything but HMAC and `none`).
    public var isAsymmetric: Bool {
        switch family {
        case .hmac, .unsecured: false
        default: true
        }
    }

    /// The algorithm named exactly `name` (names are case-sensitive, RFC 7515 §4.1.1).
    public init?(name: String) { self.init(rawValue: name) }

    /// Every algorithm that signs: all but `none`.
    public static let signing: [Algorithm] = allCases.filter { $0 != .none }

    /// The algorithms a key of this type can be used with.
    public static func compatible(with type: KeyType) -> [Algorithm] {
        signing.filter { $0.fits(type) == nil }
    }

    /// Why a key of `type` cannot be used with this algorithm, or nil when it can.
    public func fits(_ type: KeyType) -> String? {
        switch (family, type) {
        case (.hmac, .oct), (.rsaPKCS1, .rsa), (.rsaPSS, .rsa): return nil
        case (.ecdsa(let curve, _), .ec(let keyCurve)):
            return curve == keyCurve ? nil : "\(rawValue) needs a \(curve.rawValue) key, not \(keyCurve.rawValue)"
        case (.eddsa(let curve), .okp(let keyCurve)):
            guard let curve else { return nil }
            return curve == keyCurve ? nil : "\(rawValue) needs an \(curve.rawValue) key, not \(keyCurve.rawValue)"
        case (.unsecured, _): return "\"none\" is not a signature algorithm"
        default: return "\(rawValue) cannot be used with \(type.phrase)"
        }
    }

    /// The algorithm a key of `type` implies when it has no `alg` of its own, or nil when several fit.
    public static func defaultAlgorithm(for type: KeyType) -> Algorithm? {
        switch type {
        case .rsa: .rs256
        case .ec(.p256): .es256
        case .ec(.p384): .es384
        case .ec(.p521): .es512
        case .ec(.secp256k1): .es256k
        case .okp: .edDSA
        case .oct: .hs256
        case .ec: nil
        }
    }
}
