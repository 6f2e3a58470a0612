/// Formatting and parsing of spans of seconds: `90s`, `15m`, `6h`, `30d`.
public enum TimeSpan {
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
