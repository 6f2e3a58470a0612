import JOSE

/// Where a server keeps its access-token keys: the one that signs, and the retired ones still published.
public protocol TokenKeyStorage: Sendable {
    /// The stored keys, made (a new signing key, no retired ones) when there are none.
    func load() async throws(DCRError) -> StoredTokenKeys
    /// Stores `new` in place of `old`, unless the keys were changed since `old` was loaded (another server rotated
    /// them at the same moment): then nothing is stored and the answer is false.
    func replace(_ old: StoredTokenKeys, with new: StoredTokenKeys) async throws(DCRError) -> Bool
}

/// The token keys as stored.
public struct StoredTokenKeys: Sendable {
    /// The private key that signs access tokens.
    public var signing: Key
    /// Keys that signed before it, each published until its tokens have expired (expired ones may linger until the
    /// next rotation removes them).
    public var retired: [RetiredKey]
    /// What the storage read, to detect a concurrent change; nil for a ring not read from storage.
    let revision: String?

    public init(signing: Key, retired: [RetiredKey]) {
        self.init(signing: signing, retired: retired, revision: nil)
    }

    init(signing: Key, retired: [RetiredKey], revision: String?) {
        self.signing = signing
        self.retired = retired
        self.revision = revision
    }
}
