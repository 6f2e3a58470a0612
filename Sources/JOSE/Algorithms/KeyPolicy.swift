/// Which keys are strong enough to sign or verify with.
public struct KeyPolicy: Sendable {
    /// The smallest RSA modulus accepted, in bits. RFC 7518 §3.3 requires 2048.
    public var minimumRSABits: Int
    /// Refuse RSA keys with a bad public exponent or the ROCA fingerprint (``Key/flaw``).
    public var refusesFlawedRSA: Bool

    /// A policy; the defaults are ``standard``.
    public init(minimumRSABits: Int = 2048, refusesFlawedRSA: Bool = true) {
        self.minimumRSABits = minimumRSABits
        self.refusesFlawedRSA = refusesFlawedRSA
    }

    /// RSA keys of at least 2048 bits with no known flaw: what verifying and signing use unless told otherwise.
    public static let standard = KeyPolicy()
    /// Accepts RSA keys of any size, exponent or origin; for reading legacy tokens only, when the caller explicitly opts out.
    public static let allowingWeakRSA = KeyPolicy(minimumRSABits: 512, refusesFlawedRSA: false)

    /// Why `key` is too weak for `algorithm`, or nil when it is strong enough.
    func weakness(of key: Key, for algorithm: Algorithm) -> String? {
        switch (key.type, algorithm.family) {
        case (.rsa(let bits), _) where bits < minimumRSABits:
            return "RSA key\(key.idPhrase) has \(bits) bits, fewer than the required \(minimumRSABits) (RFC 7518 §3.3)"
        case (.rsa, _) where refusesFlawedRSA && key.flaw != nil:
            return "RSA key\(key.idPhrase) is refused: \(key.flaw ?? "")"
        case (.oct(let count), .hmac(let digest)) where count < digest.size:
            return "HMAC secret\(key.idPhrase) has \(count) bytes, fewer than the \(digest.size) that \(algorithm) requires (RFC 7518 §3.2)"
        default:
            return nil
        }
    }
}
