import JOSE

/// A batch of pending counts as the rows of each usage table, summed per row so that a batch writes each row once,
/// whatever the database:
/// - ``rollup``: per minute, hour and day, one row per combination of every other dimension (any report can be
///   answered from it);
/// - ``totals``: per minute, hour, day, month and year, one row for all applications (`applicationID` empty) and one
///   per application — a time-only report reads exactly its result rows here;
/// - ``active``: which clients were active in each of those periods, so that `active-clients` counts each once (a
///   store adds one to the total's `active_clients` only for a pair it did not hold yet).
public struct UsageBatch: Sendable {
    /// A row of the totals: a period of a level, for all applications (`applicationID` empty) or one.
    public struct Total: Hashable, Sendable {
        public var level: TimeLevel
        public var bucket: Int64
        public var applicationID: String
    }

    /// A client active in a total's period.
    public struct Active: Hashable, Sendable {
        public var total: Total
        public var clientID: String
    }

    /// A row of the rollup: the key with its minute moved to the start of `level`'s period.
    public struct Rollup: Hashable, Sendable {
        public var level: TimeLevel
        public var key: UsageKey
    }

    public private(set) var rollup: [Rollup: UsageCounters] = [:]
    public private(set) var totals: [Total: UsageCounters] = [:]
    public private(set) var active: Set<Active> = []

    public init(_ batch: [UsageKey: UsageCounters]) {
        for (key, counts) in batch {
            for level in TimeLevel.rollupLevels {
                var coarser = key
                coarser.minute = level.start(containing: key.minute)
                rollup[Rollup(level: level, key: coarser), default: UsageCounters()] += counts
            }
            for level in TimeLevel.allCases {
                let bucket = level.start(containing: key.minute)
                for application in key.applicationID.isEmpty ? [""] : ["", key.applicationID] {
                    let total = Total(level: level, bucket: bucket, applicationID: application)
                    totals[total, default: UsageCounters()] += counts
                    if !key.clientID.isEmpty { active.insert(Active(total: total, clientID: key.clientID)) }
                }
            }
        }
    }
}
