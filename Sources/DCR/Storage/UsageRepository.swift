/// The usage aggregates: counts per minute, hour, day, month and year (``UsageKey``), added in batches by
/// ``UsageLog`` and read by ``ReportEngine`` through a ``ReportPlan``.
public protocol UsageRepository: Sendable {
    /// Adds a batch of counts in one transaction.
    func add(_ batch: [UsageKey: UsageCounters]) async throws(DCRError)
    /// Deletes the usage of every period that ended before `time`.
    func prune(before time: Double) async throws(DCRError)
    /// The rows a report plan selects.
    func report(_ plan: ReportPlan) async throws(DCRError) -> [ReportEngine.Row]
    /// How many rows the per-combination aggregate holds at `level` (for status output and tests).
    func rows(at level: TimeLevel) async throws(DCRError) -> Int
}
