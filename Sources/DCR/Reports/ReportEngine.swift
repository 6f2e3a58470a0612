import JOSE

/// Runs usage reports over the usage aggregates. A report whose grouping is a run of time dimensions from `year` down
/// (`year/month/day`) and has no filters reads its result rows from the per-period totals; any other reads the
/// per-combination rollup at the coarsest level that its dimensions and time bounds allow (``ReportPlan``).
public struct ReportEngine: Sendable {
    /// One result row: dimension values (text, time values unpadded) and metric values.
    public struct Row: Sendable {
        public let dimensions: [(ReportDimension, String)]
        public let metrics: [(ReportMetric, Int64)]
    }

    let store: any UsageRepository
    let usage: UsageLog

    public init(store: any UsageRepository, usage: UsageLog) {
        self.store = store
        self.usage = usage
    }

    /// Runs `query` over the usage `scope` may see, after writing what is pending.
    public func run(_ query: ReportQuery, scope: ReportScope) async throws(DCRError) -> [Row] {
        try await usage.flush()
        return try await store.report(plan(query, scope: scope))
    }

    /// How `query` is answered from the aggregates.
    func plan(_ query: ReportQuery, scope: ReportScope) -> ReportPlan {
        // Nothing is recorded after now, so an end at or past it bounds nothing: any period then fits at the end.
        let endsAfterData = Double(query.end) >= NumericDate.now.secondsSinceEpoch.rounded(.down)
        func fits(_ level: TimeLevel) -> Bool { level.isBoundary(query.start) && (endsAfterData || level.isBoundary(query.end)) }
        let applicationID: String? = switch scope {
        case .allApplications: nil
        case .application(let id): id
        }
        if query.include.isEmpty, query.exclude.isEmpty {
            if let level = query.finestTime, Set(query.projection) == Set(TimeLevel.allCases.filter { $0 >= level }.map(ReportDimension.time)),
               fits(level) {
                return ReportPlan(source: .totals, level: level, start: query.start, end: query.end, applicationID: applicationID,
                                  projection: query.projection, metrics: query.metrics, limit: query.limit)
            }
            if query.projection.isEmpty, let level = TimeLevel.allCases.reversed().first(where: fits) {
                return ReportPlan(source: .total, level: level, start: query.start, end: query.end, applicationID: applicationID,
                                  projection: [], metrics: query.metrics, limit: 1)
            }
        }
        let finest = min(query.finestTime ?? .day, .day)
        let level = TimeLevel.rollupLevels.filter { $0 <= finest }.reversed().first(where: fits) ?? .minute
        let end = level.isBoundary(query.end) ? query.end : level.advance(level.start(containing: query.end), by: 1)
        return ReportPlan(source: .rollup, level: level, start: level.start(containing: query.start), end: end, applicationID: applicationID,
                          include: query.include, exclude: query.exclude, projection: query.projection, metrics: query.metrics,
                          limit: query.limit)
    }
}
