import JOSE

/// The server's signing keys: the statement key signs the software statements the dashboard mints, the token keys
/// (``TokenKeyRing``) sign access tokens and can be rotated. On their own (SQLite) they are files in the state
/// directory, made on first use — `statement-key.jwk` and `token-key.jwk`, 0600, with the public halves (`*.pub.jwk`)
/// beside them. On a shared store they are in the database, sealed with the key-encryption key, so that every instance
/// signs with the same keys.
public struct ServerKeys: Sendable {
    public let statementKey: Key
    /// The access-token keys: the one that signs, and the retired ones still published.
    public let tokenKeys: TokenKeyRing

    public static let statementAlgorithm = Algorithm.rs256
    static let statementKeyName = "statement-key"

    /// The algorithm access tokens are signed with.
    public var tokenAlgorithm: Algorithm { tokenKeys.kind.algorithm }

    /// Loads the keys from the state directory, generating any that is missing (RSA 2048 for statements; RS256,
    /// ES256 or EdDSA for tokens).
    /// - Parameter retiredKeysKept: how long a rotated-out token key stays published: the token lifetime plus the
    ///   clock skew allowed.
    public init(state: StateDirectory, tokenAlgorithm: Algorithm = .rs256, retiredKeysKept: Double = 21_600 + 30) async throws(DCRError) {
        try state.prepare()
        let kind = try TokenKeyKind(tokenAlgorithm)
        statementKey = try ServerKeys.loadOrCreate(ServerKeys.statementKeyName, state: state, make: ServerKeys.newStatementKey)
        tokenKeys = try await TokenKeyRing(storage: LocalTokenKeys(state: state, kind: kind), kind: kind, retiredKeysKept: retiredKeysKept)
    }

    /// The keys every server on `secrets` shares: stored sealed under `sealing` by the first server that started
    /// (which offers the keys of its state directory, if it has them, else new ones); every other server opens those.
    public init(shared secrets: any SharedSecretRepository, sealing: KeyEncryptionKey, state: StateDirectory,
                tokenAlgorithm: Algorithm = .rs256, retiredKeysKept: Double = 21_600 + 30) async throws(DCRError) {
        let kind = try TokenKeyKind(tokenAlgorithm)
        let name = ServerKeys.statementKeyName
        let candidate = try ServerKeys.sealedCandidate(name, state: state, sealing: sealing, make: ServerKeys.newStatementKey)
        statementKey = try ServerKeys.open(try await secrets.value(named: name, storingIfAbsent: candidate), name: name, sealing: sealing)
        tokenKeys = try await TokenKeyRing(storage: SharedTokenKeys(secrets: secrets, sealing: sealing, state: state, kind: kind), kind: kind,
                                           retiredKeysKept: retiredKeysKept)
    }

    /// The public statement key and the published token keys (the signing one and the retired ones still published).
    public func published() async throws(DCRError) -> KeySet {
        let tokens = await tokenKeys.current().verification
        do { return KeySet([try statementKey.publicKey] + tokens.keys) } catch { throw DCRError.storage("cannot publish the keys: \(error)") }
    }

    /// ``published()`` as a JWK Set (`/.well-known/jwks.json`).
    public func jwks() async throws(DCRError) -> JSONValue {
        let keys = try await published()
        do { return try keys.jwks() } catch { throw DCRError.storage("cannot publish the keys: \(error)") }
    }
}

extension ServerKeys {
    /// What the admin API shows of the keys — ids, algorithms and dates, never key material: `statement_key`, and
    /// `token_keys`, the signing key first, then the retired ones still published with `retired_at` and
    /// `published_until` (seconds since the epoch).
    public func summary() async -> JSONValue {
        let tokens = await tokenKeys.current()
        let algorithm = JSONValue.string(tokenAlgorithm.rawValue)
        var entries: [JSONValue] = [.object([("kid", .string(tokens.signing.id ?? "")), ("alg", algorithm), ("status", "signing")])]
        for retired in tokens.retired {
            entries.append(.object([("kid", .string(retired.key.id ?? "")), ("alg", algorithm), ("status", "retired"),
                                    ("retired_at", .integer(Int64(retired.retiredAt))), ("published_until", .integer(Int64(retired.publishedUntil.rounded(.up))))]))
        }
        return .object([
            ("statement_key", .object([("kid", .string(statementKey.id ?? "")), ("alg", .string(ServerKeys.statementAlgorithm.rawValue))])),
            ("token_keys", .array(entries)),
            ("refresh_interval", .integer(Int64(TokenKeyRing.refreshInterval))),
        ])
    }

    private static func newStatementKey() throws(DCRError) -> Key {
        try generate(statementKeyName, spec: .rsa(bits: 2048), algorithm: statementAlgorithm)
    }

    /// A new key whose `kid` is `name-` and the start of its thumbprint.
    static func generate(_ name: String, spec: KeySpec, algorithm: Algorithm) throws(DCRError) -> Key {
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

    /// The private key in the state directory's `NAME.jwk`, made with `make` (and written, 0600) when missing.
    static func loadOrCreate(_ name: String, state: StateDirectory, make: () throws(DCRError) -> Key) throws(DCRError) -> Key {
        if !state.exists("\(name).jwk") { try write(try make(), as: name, to: state, replacing: false) }
        let path = state.file("\(name).jwk")
        guard let bytes = state.read("\(name).jwk") else { throw DCRError.storage("cannot read \(path)") }
        return try privateKey(bytes, source: path)
    }

    /// Writes `key` as `NAME.jwk` (0600) and its public half as `NAME.pub.jwk` (0644).
    static func write(_ key: Key, as name: String, to state: StateDirectory, replacing: Bool) throws(DCRError) {
        let privateJWK: String, publicJWK: String
        do throws(JOSEError) {
            privateJWK = try key.jwk(includePrivate: true).pretty
            publicJWK = try key.publicKey.jwk().pretty
        } catch {
            throw DCRError.storage("cannot write \(name): \(error)")
        }
        let write = replacing ? state.replace : state.create
        try write("\(name).jwk", Array(privateJWK.utf8) + [0x0A], 0o600)
        try write("\(name).pub.jwk", Array(publicJWK.utf8) + [0x0A], 0o644)
    }

    /// What a server offers a shared store for `name`: its state directory's key if it has one, else a new one, sealed.
    static func sealedCandidate(_ name: String, state: StateDirectory, sealing: KeyEncryptionKey,
                                make: () throws(DCRError) -> Key) throws(DCRError) -> String {
        let candidate = if let bytes = state.read("\(name).jwk") { try privateKey(bytes, source: state.file("\(name).jwk")) } else { try make() }
        return try seal(candidate, name: name, sealing: sealing)
    }

    /// `key`'s private JWK sealed under `sealing`, bound to `name`.
    static func seal(_ key: Key, name: String, sealing: KeyEncryptionKey) throws(DCRError) -> String {
        let jwk: [UInt8]
        do { jwk = Array(try key.jwk(includePrivate: true).compact.utf8) } catch { throw DCRError.storage("cannot seal \(name): \(error)") }
        return try sealing.seal(jwk, name: name)
    }

    /// The private key sealed in `sealed` under `name`.
    static func open(_ sealed: String, name: String, sealing: KeyEncryptionKey) throws(DCRError) -> Key {
        try privateKey(try sealing.open(sealed, name: name), source: "the shared \(name)")
    }

    private static func privateKey(_ bytes: [UInt8], source: String) throws(DCRError) -> Key {
        let keys: [Key]
        do throws(JOSEError) { keys = try KeyFile.keys(from: bytes) } catch { throw DCRError.storage("\(source): \(error)") }
        guard let key = keys.first, keys.count == 1, key.isPrivate else { throw DCRError.storage("\(source) must hold one private key") }
        return key
    }
}
