import JOSE
import Synchronization

/// Where handled requests are recorded: the usage events, kept for a bounded time so that recording cannot grow the
/// database for ever. Events older than the retention are deleted when the server starts and then at most hourly.
public final class UsageLog: Sendable {
    let database: DCRDatabase
    /// How long events are kept, in seconds.
    public let retention: Double
    private let lastPruned = Mutex<Double>(0)

    public init(database: DCRDatabase, retention: Double) {
        self.database = database
        self.retention = retention
    }

    /// Records `event`, pruning old events when an hour has passed since the last pruning.
    public func record(_ event: UsageEvent) throws(DCRError) {
        try database.record(event)
        let now = NumericDate.now.secondsSinceEpoch
        let due = lastPruned.withLock { last in
            guard now - last >= 3600 else { return false }
            last = now
            return true
        }
        if due { try database.pruneUsage(before: now - retention) }
    }

    /// Deletes the events older than the retention now.
    public func prune() throws(DCRError) {
        let now = NumericDate.now.secondsSinceEpoch
        lastPruned.withLock { $0 = now }
        try database.pruneUsage(before: now - retention)
    }
}
