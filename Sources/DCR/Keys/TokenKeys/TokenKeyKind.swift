import JOSE

/// What the access-token keys of an algorithm are: their kind, and the name their storage keeps them under
/// (`token-key` for RS256, `token-key-es256`, `token-key-eddsa`).
public struct TokenKeyKind: Sendable {
    public let algorithm: Algorithm
    public let name: String
    let spec: KeySpec

    /// RS256 (the service's), ES256 or EdDSA.
    public init(_ algorithm: Algorithm) throws(DCRError) {
        switch algorithm {
        case .rs256: spec = .rsa(bits: 2048)
        case .es256: spec = .ec(.p256)
        case .edDSA: spec = .okp(.ed25519)
        default: throw DCRError.badRequest("access tokens are signed with RS256, ES256 or EdDSA, not \(algorithm)")
        }
        self.algorithm = algorithm
        name = algorithm == .rs256 ? "token-key" : "token-key-\(algorithm.rawValue.lowercased())"
    }

    /// A new signing key of this kind, its `kid` made from the name and the key's thumbprint.
    func generate() throws(DCRError) -> Key {
        try ServerKeys.generate(name, spec: spec, algorithm: algorithm)
    }
}
