import JOSE

/// The token keys every server on a shared store signs with and publishes, in one value of its shared secrets:
/// `{"signing": SEALED, "retired": [...]}`, the private key sealed with the key-encryption key (a value that is only
/// `SEALED` is a store from before rotation, with no retired keys). Rotating replaces the whole value at once, only if
/// it is still the one read, so two servers rotating at the same moment cannot lose a key.
struct SharedTokenKeys: TokenKeyStorage {
    let secrets: any SharedSecretRepository
    let sealing: KeyEncryptionKey
    let state: StateDirectory
    let kind: TokenKeyKind

    /// The stored keys; only the first load of the first server offers a key (of its state directory, or a new one).
    func load() async throws(DCRError) -> StoredTokenKeys {
        let stored: String
        if let existing = try await secrets.value(named: kind.name) { stored = existing } else {
            let candidate = try ServerKeys.sealedCandidate(kind.name, state: state, sealing: sealing) { () throws(DCRError) in try kind.generate() }
            stored = try await secrets.value(named: kind.name, storingIfAbsent: candidate)
        }
        let source = "the shared \(kind.name)"
        guard stored.hasPrefix("{") else {
            return StoredTokenKeys(signing: try ServerKeys.open(stored, name: kind.name, sealing: sealing), retired: [], revision: stored)
        }
        let document: JSONValue
        do { document = try JSONValue.parse(stored) } catch { throw DCRError.storage("\(source): \(error)") }
        guard let signing = document["signing"]?.stringValue else { throw DCRError.storage("\(source) has no signing key") }
        return StoredTokenKeys(signing: try ServerKeys.open(signing, name: kind.name, sealing: sealing),
                               retired: try RetiredKey.list(from: document["retired"], source: source), revision: stored)
    }

    func replace(_ old: StoredTokenKeys, with new: StoredTokenKeys) async throws(DCRError) -> Bool {
        guard let revision = old.revision else { return false }
        let document = JSONValue.object([
            ("signing", .string(try ServerKeys.seal(new.signing, name: kind.name, sealing: sealing))),
            ("retired", try RetiredKey.json(new.retired)),
        ])
        return try await secrets.replace(named: kind.name, expected: revision, with: document.compact)
    }
}
