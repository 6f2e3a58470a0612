#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JWT NumericDate (RFC 7519 §2): seconds since 1970-01-01T00:00:00Z, ignoring leap seconds.
public struct NumericDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var secondsSinceEpoch: Double

    public init(_ secondsSinceEpoch: Double) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The current time from the system clock.
    public static var now: NumericDate {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return NumericDate(Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    public static func < (lhs: NumericDate, rhs: NumericDate) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public func adding(_ seconds: Double) -> NumericDate { NumericDate(secondsSinceEpoch + seconds) }

    /// ISO 8601 in UTC, e.g. `2026-11-23T07:15:25Z` (fractions dropped).
    public var iso8601: String {
        guard secondsSinceEpoch.isFinite, abs(secondsSinceEpoch) < 1e15 else { return "(out of range)" }
        let seconds = Int64(secondsSinceEpoch.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = NumericDate.civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 0 && year < 10_000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    public var description: String { iso8601 }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `in 5h`, `3d ago`, `now` — this date relative to `reference`.
    public func relative(to reference: NumericDate) -> String {
        let delta = secondsSinceEpoch - reference.secondsSinceEpoch
        let span = Duration.describe(abs(delta))
        if abs(delta) < 1 { return "now" }
        return delta > 0 ? "in \(span)" : "\(span) ago"
    }
}

/// Formatting and parsing of spans of seconds: `90s`, `15m`, `6h`, `30d`.
public enum Duration {
    /// The largest whole unit that fits: `45s`, `15m`, `5h`, `3d`, `2y`.
    public static func describe(_ seconds: Double) -> String {
        let value = Int64(seconds.rounded(.down))
        switch value {
        case ..<60: return "\(value)s"
        case ..<3600: return "\(value / 60)m"
        case ..<86_400: return "\(value / 3600)h"
        case ..<(365 * 86_400): return "\(value / 86_400)d"
        default: return "\(value / (365 * 86_400))y"
        }
    }

    /// Parses `90`, `90s`, `15m`, `6h`, `30d`, `2w` into seconds.
    public static func parse(_ text: String) throws(JOSEError) -> Double {
        let trimmed = text.trimmingWhitespace
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var number = Substring(trimmed)
        var multiplier = 1.0
        if let last = trimmed.last, let unit = units[last] {
            number = trimmed.dropLast()
            multiplier = unit
        }
        guard !number.isEmpty, number.allSatisfy(\.isNumber), let value = Double(number) else {
            throw JOSEError(.invalidArgument, at: "duration", "\"\(text)\" is not a duration (examples: 90s, 15m, 6h, 30d)")
        }
        return value * multiplier
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
