/// A named elliptic curve, by its JOSE name.
public enum Curve: String, Sendable, CaseIterable {
    /// NIST P-256 (secp256r1), for ES256.
    case p256 = "P-256"
    /// NIST P-384, for ES384.
    case p384 = "P-384"
    /// NIST P-521, for ES512.
    case p521 = "P-521"
    /// secp256k1, for ES256K (RFC 8812).
    case secp256k1 = "secp256k1"
    /// Edwards25519, for EdDSA and Ed25519 (RFC 8037).
    case ed25519 = "Ed25519"
    /// Edwards448, for EdDSA and Ed448.
    case ed448 = "Ed448"

    /// The size of one coordinate (or of an EdDSA public key) in bytes.
    public var coordinateSize: Int {
        switch self {
        case .p256, .secp256k1: 32
        case .p384: 48
        case .p521: 66
        case .ed25519: 32
        case .ed448: 57
        }
    }

    /// Whether this curve is used with EdDSA (`kty: OKP`) rather than ECDSA (`kty: EC`).
    public var isEdwards: Bool { self == .ed25519 || self == .ed448 }

    /// OpenSSL's name for the curve (a group name, or a key type for Edwards curves).
    var openSSLName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        case .p521: "secp521r1"
        case .secp256k1: "secp256k1"
        case .ed25519: "ED25519"
        case .ed448: "ED448"
        }
    }

    init?(openSSLName: String) {
        guard let curve = Curve.allCases.first(where: { $0.openSSLName == openSSLName }) else { return nil }
        self = curve
    }

    /// Accepts the JOSE name, or a common alias such as `p256`, `prime256v1`, `ed25519`.
    public init?(lenientName name: String) {
        let folded = String(name.lowercased().filter { $0 != "-" })
        switch folded {
        case "p256", "prime256v1", "secp256r1": self = .p256
        case "p384", "secp384r1": self = .p384
        case "p521", "secp521r1": self = .p521
        case "secp256k1": self = .secp256k1
        case "ed25519": self = .ed25519
        case "ed448": self = .ed448
        default: return nil
        }
    }
}

/// What kind of key, with its size: the JWK `kty` plus the curve or length.
public enum KeyType: Sendable, Equatable, CustomStringConvertible {
    /// RSA with a modulus of `bits` bits .
    case rsa(bits: Int)
    /// An EC key on a NIST curve or secp256k1.
    case ec(Curve)
    /// An OKP key on Ed25519 or Ed448.
    case okp(Curve)
    /// A shared secret of `bytes` bytes.
    case oct(bytes: Int)

    /// A shared secret (`oct`), as opposed to a public/private key pair.
    public var isSymmetric: Bool {
        if case .oct = self { return true }
        return false
    }

    /// The JWK `kty` value.
    public var kty: String {
        switch self {
        case .rsa: "RSA"
        case .ec: "EC"
        case .okp: "OKP"
        case .oct: "oct"
        }
    }

    /// `an RSA key`, `an EC P-256 key`…
    public var phrase: String {
        switch self {
        case .rsa: "an RSA key"
        case .ec(let curve): "an EC \(curve.rawValue) key"
        case .okp(let curve): "an OKP \(curve.rawValue) key"
        case .oct: "a symmetric (oct) key"
        }
    }

    /// Short, as messages print it: `RSA 2048`, `EC P-256`, `oct 256 bits`.
    public var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits)"
        case .ec(let curve): "EC \(curve.rawValue)"
        case .okp(let curve): "OKP \(curve.rawValue)"
        case .oct(let bytes): "oct \(bytes * 8) bits"
        }
    }
}
