import JOSE

/// The server's signing keys, kept in the state directory and made on first use:
/// `statement-key.jwk` signs the software statements the dashboard mints, `token-key.jwk` signs access tokens.
/// Private files are 0600; the public halves (`*.pub.jwk`) are written beside them for verifiers.
public struct ServerKeys: Sendable {
    public let statementKey: Key
    public let tokenKey: Key
    public let tokenAlgorithm: Algorithm

    public static let statementAlgorithm = Algorithm.rs256

    /// Loads the keys, generating any that is missing (RSA 2048 for statements; RS256, ES256 or EdDSA for tokens).
    public init(state: StateDirectory, tokenAlgorithm: Algorithm = .rs256) throws(DCRError) {
        try state.prepare()
        statementKey = try ServerKeys.loadOrCreate("statement-key", state: state, spec: .rsa(bits: 2048), algorithm: ServerKeys.statementAlgorithm)
        let spec: KeySpec
        switch tokenAlgorithm {
        case .rs256: spec = .rsa(bits: 2048)
        case .es256: spec = .ec(.p256)
        case .edDSA: spec = .okp(.ed25519)
        default: throw DCRError.badRequest("access tokens are signed with RS256, ES256 or EdDSA, not \(tokenAlgorithm)")
        }
        let name = tokenAlgorithm == .rs256 ? "token-key" : "token-key-\(tokenAlgorithm.rawValue.lowercased())"
        tokenKey = try ServerKeys.loadOrCreate(name, state: state, spec: spec, algorithm: tokenAlgorithm)
        self.tokenAlgorithm = tokenAlgorithm
    }

    private static func loadOrCreate(_ name: String, state: StateDirectory, spec: KeySpec, algorithm: Algorithm) throws(DCRError) -> Key {
        if !state.exists("\(name).jwk") {
            let privateJWK: String, publicJWK: String
            do throws(JOSEError) {
                var key = try Key.generate(spec)
                key.id = "\(name)-" + String(try key.thumbprint().prefix(12))
                key.algorithmName = algorithm.rawValue
                key.use = "sig"
                privateJWK = try key.jwk(includePrivate: true).pretty
                publicJWK = try key.publicKey.jwk().pretty
            } catch {
                throw DCRError.storage("cannot make \(name): \(error)")
            }
            try state.create("\(name).jwk", contents: Array(privateJWK.utf8) + [0x0A], mode: 0o600)
            try state.create("\(name).pub.jwk", contents: Array(publicJWK.utf8) + [0x0A], mode: 0o644)
        }
        let path = state.file("\(name).jwk")
        guard let bytes = state.read("\(name).jwk") else { throw DCRError.storage("cannot read \(path)") }
        let keys: [Key]
        do throws(JOSEError) { keys = try KeyFile.keys(from: bytes) } catch { throw DCRError.storage("\(path): \(error)") }
        guard let key = keys.first, keys.count == 1, key.isPrivate else { throw DCRError.storage("\(path) must hold one private key") }
        return key
    }

    /// The public statement and token keys as a JWK Set (`/.well-known/jwks.json`).
    public func jwks() throws(DCRError) -> JSONValue {
        do { return try KeySet([statementKey, tokenKey]).jwks() } catch { throw DCRError.storage("cannot publish the keys: \(error)") }
    }
}
