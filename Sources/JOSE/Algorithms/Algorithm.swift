/// A JWS algorithm (RFC 7518 §3, RFC 8037, RFC 8812, RFC 9864).
public enum Algorithm: String, Sendable, CaseIterable, CustomStringConvertible {
    case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    case es256 = "ES256", es384 = "ES384", es512 = "ES512", es256k = "ES256K"
    /// EdDSA with the key's curve (RFC 8037).
    case edDSA = "EdDSA"
    /// Fully specified EdDSA names (RFC 9864).
    case ed25519 = "Ed25519", ed448 = "Ed448"
    /// The unsecured JWS (RFC 7515 §A.5). It can be decoded and never verifies.
    case none = "none"

    /// How the algorithm signs.
    public enum Family: Sendable, Equatable {
        case hmac(Digest)
        case rsaPKCS1(Digest)
        case rsaPSS(Digest)
        case ecdsa(Curve, Digest)
        case eddsa(Curve?)
        case unsecured
    }

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
