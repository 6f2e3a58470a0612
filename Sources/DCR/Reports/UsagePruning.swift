import JOSE

/// What deleting the usage older than a time means for the aggregates, whatever the database: per table and level,
/// the periods that ended before it (a period still under way at the cutoff is kept whole).
struct UsagePruning: Sendable {
    /// One `DELETE FROM table WHERE level = … AND bucket < …`.
    struct Deletion: Sendable {
        let table: String
        let level: TimeLevel
        let bucketsBefore: Int64
    }

    let deletions: [Deletion]

    /// Nothing for a time that is not finite.
    init(before time: Double) {
        guard time.isFinite else {
            deletions = []
            return
        }
        let cutoff = Int64(min(max(time, Double(CalendarFields.range.lowerBound)), Double(CalendarFields.range.upperBound)))
        deletions = TimeLevel.allCases.flatMap { level in
            ["usage_rollup", "usage_totals", "usage_active"]
                .filter { $0 != "usage_rollup" || TimeLevel.rollupLevels.contains(level) }
                .map { Deletion(table: $0, level: level, bucketsBefore: level.start(containing: cutoff)) }
        }
    }
}
