import COpenSSL

/// A JOSE key: an OpenSSL key (RSA, EC, OKP) or an HMAC secret, with its JWK parameters.
///
/// Build one with ``Key/load(contentsOfFile:)`` or ``Key/load(_:)`` (PEM, DER, certificate, JWK, JWK Set),
/// ``Key/init(jwk:)`` or ``Key/generate(_:)``. A `Key` is a value, safe to share between tasks: its material and type
/// never change; its JWK metadata (`kid`, `alg`, `use`, `key_ops`, `x5c`) can be set on a copy.
public struct Key: Sendable {
    enum Material: Sendable {
        case asymmetric(EVPKey)
        case secret(SecretBytes)
    }

    let material: Material
    /// The key type and size.
    public let type: KeyType
    /// Whether the key can sign (holds private material).
    public let isPrivate: Bool
    /// JWK `kid`.
    public var id: String?
    /// JWK `alg`, as written (it may name an algorithm this library does not implement).
    public var algorithmName: String?
    /// JWK `use` (`sig` or `enc`).
    public var use: String?
    /// JWK `key_ops`.
    public var operations: [String]?
    /// JWK `x5c`: the certificate chain, leaf first, when the key came from a certificate or carried one.
    public var certificates: [Certificate] = []
    /// Why the key cannot be trusted whatever its size (an RSA exponent or ROCA modulus), found once at load.
    public internal(set) var flaw: String? = nil

    init(material: Material, type: KeyType, isPrivate: Bool) {
        self.material = material
        self.type = type
        self.isPrivate = isPrivate
    }

    /// The `kid` a header gets for this key by default: the key's own `kid`, else, for a public-key algorithm, its
    /// RFC 7638 thumbprint; none for a secret without one (its thumbprint would publish a hash of the secret).
    public func defaultKeyID(for algorithm: Algorithm) throws(JOSEError) -> String? {
        if let id { return id }
        return algorithm.isAsymmetric ? try thumbprint() : nil
    }

    /// The `alg` parameter when it names an algorithm this library implements.
    public var algorithm: Algorithm? { algorithmName.flatMap(Algorithm.init(name:)) }

    /// The key without its private part (for a symmetric key, the key itself: the secret is what verifies).
    public var publicKey: Key {
        get throws(JOSEError) {
            guard isPrivate, case .asymmetric = material else { return self }
            return try KeyExport.publicOnly(self)
        }
    }

    /// Why this key may not be used to `operation` (`sign` or `verify`), or nil when it may.
    /// A key marked `use: enc`, or whose `key_ops` lacks the operation, is not used for signatures.
    public func refusal(for operation: String) -> String? {
        if let use, use != "sig" { return "key\(idPhrase) is marked \"use\": \"\(use)\", not \"sig\"" }
        if let operations, !operations.contains(operation) {
            return "key\(idPhrase) has \"key_ops\" \(operations) without \"\(operation)\""
        }
        if operation == "sign" && !isPrivate { return "key\(idPhrase) is a public key; signing needs the private key" }
        return nil
    }

    /// ` "kid"` for messages, or empty when the key has no id.
    var idPhrase: String { id.map { " \"\($0)\"" } ?? "" }

    var evpKey: EVPKey? {
        if case .asymmetric(let key) = material { return key }
        return nil
    }

    var secret: SecretBytes? {
        if case .secret(let secret) = material { return secret }
        return nil
    }
}

extension Key: CustomStringConvertible {
    /// `RSA 2048 private key "kid"`. Never includes key material.
    public var description: String {
        "\(type) \(type.isSymmetric ? "secret" : isPrivate ? "private" : "public") key\(idPhrase)"
    }
}
