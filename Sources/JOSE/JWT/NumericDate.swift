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
    public var secondsSinceEpoch: Double

    /// The dates a claim may hold: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    public static let representable: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

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

    public static func < (lhs: NumericDate, rhs: NumericDate) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public func adding(_ seconds: Double) -> NumericDate { NumericDate(secondsSinceEpoch + seconds) }

    /// ISO 8601 in UTC, e.g. `2026-11-23T07:15:25Z` (fractions dropped).
    public var iso8601: String {
        guard NumericDate.representable.contains(secondsSinceEpoch), let seconds = Int64(exactly: secondsSinceEpoch.rounded(.down)) else {
            return "(out of range)"
        }
        return CalendarFields(epochSeconds: seconds).iso8601 + "Z"
    }

    public var description: String { iso8601 }

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
    /// The longest span ``parse(_:)`` accepts: 10,000 years.
    public static let maximum: Double = 10_000 * 365.25 * 86_400

    /// The largest whole unit that fits: `45s`, `15m`, `5h`, `3d`, `2y`. Total: NaN and spans beyond ±``maximum``
    /// are described, never trapped on.
    public static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite else { return seconds.isNaN ? "an undefined span" : "forever" }
        guard abs(seconds) <= maximum * 10 else { return "over \(Int64(maximum * 10 / (365 * 86_400)))y" }
        let value = Int64(seconds.rounded(.down))
        switch value {
        case ..<60: return "\(value)s"
        case ..<3600: return "\(value / 60)m"
        case ..<86_400: return "\(value / 3600)h"
        case ..<(365 * 86_400): return "\(value / 86_400)d"
        default: return "\(value / (365 * 86_400))y"
        }
    }

    /// `60s`: whole seconds, for leeways and limits (total, like ``describe(_:)``).
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, abs(value) <= maximum * 10 else { return describe(value) }
        return "\(Int64(value.rounded(.down)))s"
    }

    /// `value` as a usable leeway or limit: NaN and negative spans become 0, longer ones ``maximum``.
    public static func bounded(_ value: Double) -> Double {
        value.isNaN ? 0 : min(max(value, 0), maximum)
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
        guard !number.isEmpty, number.allSatisfy(\.isASCIIDigit), let value = Double(number) else {
            throw JOSEError(.invalidArgument, at: "duration", "\"\(text)\" is not a duration (examples: 90s, 15m, 6h, 30d)")
        }
        guard value * multiplier <= maximum else {
            throw JOSEError(.invalidArgument, at: "duration", "\"\(text)\" is longer than 10,000 years")
        }
        return value * multiplier
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
