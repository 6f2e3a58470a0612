import JOSE
import Synchronization

/// Where handled requests are recorded. Recording costs a dictionary update: events are added up in memory under
/// their ``UsageKey`` and written to the store (``UsageRepository/add(_:)``) by ``flush()`` — which the server
/// calls every ``flushInterval`` seconds, before a report runs and when it stops — or at once when 1,024 keys are
/// pending. Aggregates older than the retention are deleted at start and then at most hourly.
public final class UsageLog: Sendable {
    let store: any UsageRepository
    /// How long usage is kept, in seconds.
    public let retention: Double

    /// How often the server writes the pending counts, in seconds.
    public static let flushInterval = 1
    static let maximumPending = 1024
    /// Counts kept back for another try when a write fails; beyond this many keys a failing database loses them.
    static let maximumRetained = 65_536
    static let rememberedAddresses = 100

    private struct State {
        var pending: [UsageKey: UsageCounters] = [:]
        var lastPruned: Double = 0
        var addresses: [String] = []
        var nextAddress = 0
    }
    private let state: Mutex<State>

    public init(store: any UsageRepository, retention: Double) {
        self.store = store
        self.retention = retention
        state = Mutex(State())
    }

    /// Adds `event` to the pending counts, writing them out when too many keys are pending.
    public func record(_ event: UsageEvent) async throws(DCRError) {
        let key = UsageKey(event)
        let counts = UsageCounters(event)
        let due = state.withLock { state in
            state.pending[key, default: UsageCounters()] += counts
            if let ip = event.ip {
                if state.addresses.count < Self.rememberedAddresses { state.addresses.append(ip) } else { state.addresses[state.nextAddress] = ip }
                state.nextAddress = (state.nextAddress + 1) % Self.rememberedAddresses
            }
            return state.pending.count >= Self.maximumPending
        }
        if due { try await flush() }
    }

    /// Writes the pending counts now (one transaction), and prunes when an hour has passed since the last pruning.
    /// Writes run one after another, in call order: when this returns, every count recorded before the call is stored,
    /// including counts an earlier flush (the background one) had taken and was still writing.
    public func flush() async throws(DCRError) {
        let write = writes.withLock { last in
            let previous = last
            let next = Task { () async -> Result<Void, DCRError> in
                _ = await previous?.value
                do throws(DCRError) { try await self.writePending() } catch { return .failure(error) }
                return .success(())
            }
            last = next
            return next
        }
        try await write.value.get()
    }

    /// The last write started, which the next one waits for.
    private let writes = Mutex<Task<Result<Void, DCRError>, Never>?>(nil)

    private func writePending() async throws(DCRError) {
        let now = NumericDate.now.secondsSinceEpoch
        let (batch, prune) = state.withLock { state in
            let batch = state.pending
            state.pending = [:]
            let prune = now - state.lastPruned >= 3600
            if prune { state.lastPruned = now }
            return (batch, prune)
        }
        if !batch.isEmpty {
            do throws(DCRError) { try await store.add(batch) } catch {
                state.withLock { state in
                    guard state.pending.count + batch.count <= Self.maximumRetained else { return }
                    for (key, counts) in batch { state.pending[key, default: UsageCounters()] += counts }
                }
                throw error
            }
        }
        if prune { try await store.prune(before: now - retention) }
    }

    /// Deletes the usage older than the retention now.
    public func prune() async throws(DCRError) {
        let now = NumericDate.now.secondsSinceEpoch
        state.withLock { $0.lastPruned = now }
        try await store.prune(before: now - retention)
    }

    /// The client addresses of the most recent requests, newest first (for status output and tests).
    public func recentAddresses() -> [String] {
        state.withLock { state in
            let count = state.addresses.count
            return (0..<count).map { state.addresses[(state.nextAddress - 1 - $0 + 2 * count) % count] }
        }
    }

    /// How many minute rows the usage tables hold, after writing what is pending (for status output and tests).
    public func storedRows() async throws(DCRError) -> Int {
        try await flush()
        return try await store.rows(at: .minute)
    }
}
