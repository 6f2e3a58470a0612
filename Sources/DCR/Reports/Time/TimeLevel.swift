import JOSE

/// A report's time granularity, finest first: the time dimensions of a report path, and the periods usage is
/// aggregated by.
public enum TimeLevel: Int, Sendable, CaseIterable, Comparable {
    case minute, hour, day, month, year

    /// The levels the per-combination rollup keeps; the per-period totals keep every level.
    public static let rollupLevels: [TimeLevel] = [.minute, .hour, .day]

    public static func < (lhs: TimeLevel, rhs: TimeLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The start of the period of this level that contains `seconds` (epoch seconds, UTC).
    public func start(containing seconds: Int64) -> Int64 {
        switch self {
        case .minute: return Self.floor(seconds, 60)
        case .hour: return Self.floor(seconds, 3600)
        case .day: return Self.floor(seconds, 86_400)
        case .month:
            let fields = CalendarFields(epochSeconds: seconds)
            return CalendarFields(year: fields.year, month: fields.month).epochSeconds
        case .year:
            return CalendarFields(year: CalendarFields(epochSeconds: seconds).year).epochSeconds
        }
    }

    /// The start of the period `count` periods after the one starting at `start` (negative: before).
    public func advance(_ start: Int64, by count: Int64) -> Int64 {
        switch self {
        case .minute: return start + 60 * count
        case .hour: return start + 3600 * count
        case .day: return start + 86_400 * count
        case .month, .year:
            let fields = CalendarFields(epochSeconds: start)
            let months = fields.year * 12 + (fields.month - 1) + (self == .month ? count : 12 * count)
            let year = months >= 0 ? months / 12 : (months - 11) / 12
            return CalendarFields(year: year, month: months - year * 12 + 1).epochSeconds
        }
    }

    /// Whether `seconds` is the start of a period of this level.
    public func isBoundary(_ seconds: Int64) -> Bool { start(containing: seconds) == seconds }

    private static func floor(_ value: Int64, _ unit: Int64) -> Int64 {
        value >= 0 ? value / unit * unit : (value - unit + 1) / unit * unit
    }
}
