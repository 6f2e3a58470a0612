/// Values every server on a shared store must agree on — the sealed signing keys, the admin token's digest — stored
/// once: the first server to start stores its candidate, every other one reads that.
public protocol SharedSecretRepository: Sendable {
    /// The value stored under `name`; when there is none, `candidate` is stored and returned (atomically: servers
    /// starting at the same moment all get the one value stored first).
    func value(named name: String, storingIfAbsent candidate: String) async throws(DCRError) -> String

    /// The value stored under `name`, if any.
    func value(named name: String) async throws(DCRError) -> String?
    /// Replaces the value under `name` with `value` if it is still `expected`; whether it was.
    func replace(named name: String, expected: String, with value: String) async throws(DCRError) -> Bool
}
