/// How a report is answered from the usage aggregates, whatever the database: which aggregate, at which time level,
/// over which window, grouped and filtered how. ``ReportEngine`` chooses it; a ``UsageRepository`` runs it (the SQL
/// for it is ``ReportSQL``).
public struct ReportPlan: Sendable, Equatable {
    /// Which aggregate answers the report.
    public enum Source: Sendable, Equatable {
        /// The result rows are rows of the per-period totals: a time-only grouping from `year` down, no filters.
        case totals
        /// One row over whole periods of the totals: their sums, and the distinct clients active in any of them.
        case total
        /// Grouped and filtered over the per-combination rollup.
        case rollup
    }

    public var source: Source
    public var level: TimeLevel
    /// The window, `[start, end)` in epoch seconds, on boundaries of `level` for ``Source/rollup``.
    public var start: Int64
    public var end: Int64
    /// One application's usage, or all of it (nil).
    public var applicationID: String?
    public var include: [ReportDimension: [String]] = [:]
    public var exclude: [ReportDimension: [String]] = [:]
    public var projection: [ReportDimension]
    public var metrics: [ReportMetric]
    public var limit: Int
}
