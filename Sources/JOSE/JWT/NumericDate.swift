#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JWT NumericDate (RFC 7519 §2): seconds since 1970-01-01T00:00:00Z, ignoring leap seconds.
///
/// A date read from a token is checked with ``init(claim:)``: only 0001-01-01 to 9999-12-31 (UTC) is a NumericDate
/// here, so every date a token can carry has an ISO 8601 form and every sum of a date and a leeway is exact.
public struct NumericDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z; negative before it, fractions allowed.
    public var secondsSinceEpoch: Double

    /// The dates a claim may hold: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    public static let representable: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// The date `secondsSinceEpoch` seconds after the epoch, unchecked (for dates the caller computes).
    public init(_ secondsSinceEpoch: Double) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// A date read from a claim: nil unless finite and within ``representable``.
    public init?(claim seconds: Double) {
        guard seconds.isFinite, NumericDate.representable.contains(seconds) else { return nil }
        self.secondsSinceEpoch = seconds + 0  // + 0 turns -0 into 0
    }

    /// Why `seconds` is not a NumericDate (for a value ``init(claim:)`` refused), with a hint for milliseconds.
    public static func outOfRange(_ seconds: Double, excerpt: String) -> String {
        var reason = "\(excerpt) is out of range for a NumericDate (seconds from 0001-01-01 to 9999-12-31)"
        if let asMilliseconds = NumericDate(claim: seconds / 1000), seconds > 0 {
            reason += "; if it counts milliseconds it would be \(asMilliseconds)"
        }
        return reason
    }

    /// The current time from the system clock.
    public static var now: NumericDate {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return NumericDate(Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    /// Whether `lhs` is earlier than `rhs`.
    public static func < (lhs: NumericDate, rhs: NumericDate) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// The date `seconds` later (earlier when negative).
    public func adding(_ seconds: Double) -> NumericDate { NumericDate(secondsSinceEpoch + seconds) }

    /// ISO 8601 in UTC, e.g. `2026-11-23T07:15:25Z` (fractions dropped).
    public var iso8601: String {
        guard NumericDate.representable.contains(secondsSinceEpoch), let seconds = Int64(exactly: secondsSinceEpoch.rounded(.down)) else {
            return "(out of range)"
        }
        return CalendarFields(epochSeconds: seconds).iso8601 + "Z"
    }

    /// The date in ISO 8601, UTC (``iso8601``).
    public var description: String { iso8601 }

    /// `in 5h`, `3d ago`, `now` — this date relative to `reference`.
    public func relative(to reference: NumericDate) -> String {
        let delta = secondsSinceEpoch - reference.secondsSinceEpoch
        let span = TimeSpan.describe(abs(delta))
        if abs(delta) < 1 { return "now" }
        return delta > 0 ? "in \(span)" : "\(span) ago"
    }
}

extension Character {
    /// `0` to `9` only (`isNumber` also accepts other scripts' digits, fractions and numerals that `Double` cannot read).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
