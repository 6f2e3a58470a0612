import JOSE
import Synchronization

/// The access-token keys a server signs and verifies with, as its ``TokenKeyStorage`` holds them: the signing key, and
/// the keys rotated out but still published until the tokens they signed have expired.
///
/// A server re-reads the storage when its copy is older than ``refreshInterval`` (2 s) and at once when a token names
/// a key it does not know (at most once a second), so after `jwstool app keys rotate` on one instance of a shared
/// store, every instance signs with the new key within two seconds and accepts the new key's tokens at once.
public final class TokenKeyRing: Sendable {
    /// The keys at one moment.
    public struct Keys: Sendable {
        /// The private key that signs.
        public let signing: Key
        /// The retired keys still published.
        public let retired: [RetiredKey]
        /// The public halves of the signing key and of the retired keys still published: what tokens are verified
        /// with and what the JWKS publishes.
        public let verification: KeySet
        /// `verification`, prepared once per read for the token algorithm alone: what every request's check uses.
        public let signatures: JWSVerifier

        init(_ stored: StoredTokenKeys, algorithm: Algorithm, now: Double) throws(DCRError) {
            signing = stored.signing
            retired = stored.retired.filter { $0.publishedUntil > now }
            do { verification = KeySet([try stored.signing.publicKey] + retired.map(\.key)) } catch {
                throw DCRError.storage("token key \(stored.signing.id ?? ""): \(error)")
            }
            signatures = JWSVerifier(keys: verification, options: .init(allowedAlgorithms: [algorithm]))
        }

        /// Whether a key with id `kid` is among the verification keys.
        func knows(_ kid: String) -> Bool { verification.keys.contains { $0.id == kid } }
    }

    /// How old the server's copy of the keys may be before it reads them again, in seconds.
    public static let refreshInterval = 2.0
    /// How often, at most, a token naming an unknown key makes the server read the keys at once, in seconds.
    static let unknownKeyInterval = 1.0

    public let kind: TokenKeyKind
    /// How long a retired key stays published after it stops signing, in seconds: the token lifetime and clock skew
    /// allowed, plus ``refreshInterval`` (another instance may sign with it that much longer).
    public let retiredKeysKept: Double
    let storage: any TokenKeyStorage

    private struct Cache {
        var keys: Keys
        var loadedAt: Double
        var reloading = false
        var lastUnknownKeyReload = -Double.infinity
    }
    private let cache: Mutex<Cache>

    init(storage: any TokenKeyStorage, kind: TokenKeyKind, retiredKeysKept: Double) async throws(DCRError) {
        self.storage = storage
        self.kind = kind
        self.retiredKeysKept = retiredKeysKept + TokenKeyRing.refreshInterval
        let keys = try Keys(try await storage.load(), algorithm: kind.algorithm, now: NumericDate.now.secondsSinceEpoch)
        cache = Mutex(Cache(keys: keys, loadedAt: NumericClock.seconds))
    }

    /// The keys, read again first when the copy is older than ``refreshInterval``. Should that read fail (the
    /// database away), the last keys read serve, and the next call tries again.
    public func current() async -> Keys {
        let (keys, due) = cache.withLock { cache -> (Keys, Bool) in
            guard !cache.reloading, NumericClock.seconds - cache.loadedAt >= TokenKeyRing.refreshInterval else { return (cache.keys, false) }
            cache.reloading = true
            return (cache.keys, true)
        }
        guard due else { return keys }
        let fresh = try? await reload()
        cache.withLock { $0.reloading = false }
        return fresh ?? keys
    }

    /// The keys, read again first when none of them has id `kid` (a key another instance has just rotated in) —
    /// at most once per ``unknownKeyInterval``, so tokens with made-up ids cannot make a server hammer its store.
    public func current(knowing kid: String?) async -> Keys {
        let keys = await current()
        guard let kid, !keys.knows(kid) else { return keys }
        let due = cache.withLock { cache in
            let now = NumericClock.seconds
            guard now - cache.lastUnknownKeyReload >= TokenKeyRing.unknownKeyInterval else { return false }
            cache.lastUnknownKeyReload = now
            return true
        }
        guard due else { return keys }
        return (try? await reload()) ?? keys
    }

    /// Makes a new signing key and retires the current one, which stays published for ``retiredKeysKept`` seconds;
    /// retired keys past their time are dropped. Safe when several servers on a shared store rotate at once (each
    /// rotation retires the key the one before made).
    /// - Returns: the keys after the rotation, and the key retired.
    public func rotate() async throws(DCRError) -> (keys: Keys, retired: RetiredKey) {
        for _ in 0..<5 {
            let stored = try await storage.load()
            let now = NumericDate.now.secondsSinceEpoch
            let publicKey: Key
            do { publicKey = try stored.signing.publicKey } catch { throw DCRError.storage("token key: \(error)") }
            let retiring = RetiredKey(key: publicKey, retiredAt: now, publishedUntil: now + retiredKeysKept)
            let next = StoredTokenKeys(signing: try kind.generate(), retired: stored.retired.filter { $0.publishedUntil > now } + [retiring])
            if try await storage.replace(stored, with: next) { return (try await reload(), retiring) }
        }
        throw DCRError.unavailable("the token keys kept changing while rotating them; try again", retryAfter: 1)
    }

    /// Reads the storage and keeps what it holds.
    @discardableResult
    private func reload() async throws(DCRError) -> Keys {
        let keys = try Keys(try await storage.load(), algorithm: kind.algorithm, now: NumericDate.now.secondsSinceEpoch)
        cache.withLock {
            $0.keys = keys
            $0.loadedAt = NumericClock.seconds
        }
        return keys
    }
}
