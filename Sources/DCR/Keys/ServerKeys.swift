import JOSE

/// The server's signing keys: the statement key signs the software statements the dashboard mints, the token key
/// signs access tokens. On their own (SQLite) they are files in the state directory, made on first use —
/// `statement-key.jwk` and `token-key.jwk`, 0600, with the public halves (`*.pub.jwk`) beside them. On a shared store
/// they are in the database, sealed with the key-encryption key, so that every instance signs with the same keys.
public struct ServerKeys: Sendable {
    public let statementKey: Key
    public let tokenKey: Key
    public let tokenAlgorithm: Algorithm

    public static let statementAlgorithm = Algorithm.rs256

    /// Loads the keys from the state directory, generating any that is missing (RSA 2048 for statements; RS256,
    /// ES256 or EdDSA for tokens).
    public init(state: StateDirectory, tokenAlgorithm: Algorithm = .rs256) throws(DCRError) {
        try state.prepare()
        let token = try ServerKeys.tokenKind(tokenAlgorithm)
        statementKey = try ServerKeys.loadOrCreate("statement-key", state: state, spec: .rsa(bits: 2048), algorithm: ServerKeys.statementAlgorithm)
        tokenKey = try ServerKeys.loadOrCreate(token.name, state: state, spec: token.spec, algorithm: tokenAlgorithm)
        self.tokenAlgorithm = tokenAlgorithm
    }

    /// The keys every server on `secrets` shares: stored sealed under `sealing` by the first server that started
    /// (which offers the keys of its state directory, if it has them, else new ones); every other server opens those.
    public init(shared secrets: any SharedSecretRepository, sealing: KeyEncryptionKey, state: StateDirectory,
                tokenAlgorithm: Algorithm = .rs256) async throws(DCRError) {
        let token = try ServerKeys.tokenKind(tokenAlgorithm)
        statementKey = try await ServerKeys.shared("statement-key", secrets: secrets, sealing: sealing, state: state, spec: .rsa(bits: 2048),
                                                   algorithm: ServerKeys.statementAlgorithm)
        tokenKey = try await ServerKeys.shared(token.name, secrets: secrets, sealing: sealing, state: state, spec: token.spec, algorithm: tokenAlgorithm)
        self.tokenAlgorithm = tokenAlgorithm
    }

    /// The token key's file name and kind for `algorithm`.
    private static func tokenKind(_ algorithm: Algorithm) throws(DCRError) -> (name: String, spec: KeySpec) {
        let spec: KeySpec
        switch algorithm {
        case .rs256: spec = .rsa(bits: 2048)
        case .es256: spec = .ec(.p256)
        case .edDSA: spec = .okp(.ed25519)
        default: throw DCRError.badRequest("access tokens are signed with RS256, ES256 or EdDSA, not \(algorithm)")
        }
        return (algorithm == .rs256 ? "token-key" : "token-key-\(algorithm.rawValue.lowercased())", spec)
    }

    private static func loadOrCreate(_ name: String, state: StateDirectory, spec: KeySpec, algorithm: Algorithm) throws(DCRError) -> Key {
        if !state.exists("\(name).jwk") {
            let key = try generate(name, spec: spec, algorithm: algorithm)
            let privateJWK: String, publicJWK: String
            do throws(JOSEError) {
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
        return try privateKey(bytes, source: path)
    }

    private static func shared(_ name: String, secrets: any SharedSecretRepository, sealing: KeyEncryptionKey, state: StateDirectory,
                               spec: KeySpec, algorithm: Algorithm) async throws(DCRError) -> Key {
        let candidate: Key
        if let bytes = state.read("\(name).jwk") { candidate = try privateKey(bytes, source: state.file("\(name).jwk")) } else {
            candidate = try generate(name, spec: spec, algorithm: algorithm)
        }
        let jwk: [UInt8]
        do { jwk = Array(try candidate.jwk(includePrivate: true).compact.utf8) } catch { throw DCRError.storage("cannot seal \(name): \(error)") }
        let stored = try await secrets.value(named: name, storingIfAbsent: try sealing.seal(jwk, name: name))
        return try privateKey(try sealing.open(stored, name: name), source: "the shared \(name)")
    }

    private static func generate(_ name: String, spec: KeySpec, algorithm: Algorithm) throws(DCRError) -> Key {
        do throws(JOSEError) {
            var key = try Key.generate(spec)
            key.id = "\(name)-" + String(try key.thumbprint().prefix(12))
            key.algorithmName = algorithm.rawValue
            key.use = "sig"
            return key
        } catch {
            throw DCRError.storage("cannot make \(name): \(error)")
        }
    }

    private static func privateKey(_ bytes: [UInt8], source: String) throws(DCRError) -> Key {
        let keys: [Key]
        do throws(JOSEError) { keys = try KeyFile.keys(from: bytes) } catch { throw DCRError.storage("\(source): \(error)") }
        guard let key = keys.first, keys.count == 1, key.isPrivate else { throw DCRError.storage("\(source) must hold one private key") }
        return key
    }

    /// The public statement and token keys as a JWK Set (`/.well-known/jwks.json`).
    public func jwks() throws(DCRError) -> JSONValue {
        do { return try KeySet([statementKey, tokenKey]).jwks() } catch { throw DCRError.storage("cannot publish the keys: \(error)") }
    }
}
