import JOSE

/// The token keys of one server, in its state directory: the signing key in `token-key.jwk` (0600, with
/// `token-key.pub.jwk` beside it) and the retired keys, public halves only, in `token-key.retired.json`.
struct LocalTokenKeys: TokenKeyStorage {
    let state: StateDirectory
    let kind: TokenKeyKind

    var retiredFile: String { "\(kind.name).retired.json" }

    func load() async throws(DCRError) -> StoredTokenKeys {
        let signing = try ServerKeys.loadOrCreate(kind.name, state: state) { () throws(DCRError) in try kind.generate() }
        var retired: [RetiredKey] = []
        if let bytes = state.read(retiredFile) {
            let source = state.file(retiredFile)
            let document: JSONValue
            do { document = try JSONValue.parse(bytes) } catch { throw DCRError.storage("\(source): \(error)") }
            retired = try RetiredKey.list(from: document["retired"], source: source)
        }
        return StoredTokenKeys(signing: signing, retired: retired, revision: signing.id)
    }

    /// The retired keys are written first: should the process stop between the two writes, the old key is published
    /// while it still signs, which is harmless, rather than signing while unpublished.
    func replace(_ old: StoredTokenKeys, with new: StoredTokenKeys) async throws(DCRError) -> Bool {
        guard try await load().signing.id == old.revision else { return false }
        let retired = JSONValue.object([("retired", try RetiredKey.json(new.retired))])
        try state.replace(retiredFile, contents: Array(retired.pretty.utf8) + [0x0A], mode: 0o644)
        try ServerKeys.write(new.signing, as: kind.name, to: state, replacing: true)
        return true
    }
}
