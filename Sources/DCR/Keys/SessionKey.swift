import JOSE

/// The key that signs the web UI's sessions (an HS256 JWT in a cookie): 256 random bits, kept like the signing keys —
/// `ui-session-key.jwk` (0600) in the state directory, or sealed in a shared store, so that a session opened on one
/// instance is good on every other and survives a restart.
public enum SessionKey {
    static let name = "ui-session-key"

    /// The state directory's key, made on first use.
    public static func local(_ state: StateDirectory) throws(DCRError) -> Key {
        try state.prepare()
        return try ServerKeys.loadOrCreate(name, state: state, make: make)
    }

    /// The key every server on `secrets` shares (the first to start stores its own, sealed).
    public static func shared(_ secrets: any SharedSecretRepository, sealing: KeyEncryptionKey, state: StateDirectory) async throws(DCRError) -> Key {
        let candidate = try ServerKeys.sealedCandidate(name, state: state, sealing: sealing, make: make)
        return try ServerKeys.open(try await secrets.value(named: name, storingIfAbsent: candidate), name: name, sealing: sealing)
    }

    private static func make() throws(DCRError) -> Key {
        do throws(JOSEError) {
            var key = try Key.generate(.oct(bytes: 32))
            key.id = name
            return key
        } catch {
            throw DCRError.storage("cannot make \(name): \(error)")
        }
    }
}
