/// The pieces of an ISO 8601 date-time as written, read without judging them: a 4-digit year, then any of `-MM`,
/// `-DD`, `T`/space `HH`, `:MM`, `:SS` in order, a `.fraction` after the seconds, and a zone — `Z` (any field
/// may precede it) or `±HH[:]MM` (after the hour). Each reader decides what it accepts (report bounds take prefixes
/// and `Z` only; the CLI takes offsets and fractions) and checks ``fields`` with ``CalendarFields/isValid``.
public struct ISO8601Text: Sendable {
    /// The zone written after the time, if any.
    public enum Zone: Sendable, Equatable {
        /// No zone written; the readers in this package take the time as UTC.
        case none
        /// `Z` or `z`, as written.
        case utc(Character)
        /// `±HH:MM` or `±HHMM`: the sign and the two numbers as written (not range-checked).
        case offset(sign: Int64, hours: Int64, minutes: Int64)
    }

    /// The fields written, the rest filled with the start of the period (January, the 1st, midnight).
    public let fields: CalendarFields
    /// How many of year, month, day, hour, minute and second were written (1 to 6).
    public let count: Int
    /// The character between the date and the time (`T` or a space), if a time was written.
    public let timeSeparator: Character?
    /// Whether a fraction of a second followed the seconds.
    public let hasFraction: Bool
    /// The zone as written.
    public let zone: Zone

    /// Reads `text`; nil when it is not of that shape.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + width] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += width
            return value
        }
        func next(_ characters: String) -> Character? {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return nil }
            index += 1
            return Character(Unicode.Scalar(bytes[index - 1]))
        }
        guard let year = number(4) else { return nil }
        var values = [year]
        var separator: Character? = nil
        // Each later field: its separator, then two digits.
        for separators in ["-", "-", "T ", ":", ":"] {
            let start = index
            guard let found = next(separators) else { break }
            guard let value = number(2) else {
                index = start
                break
            }
            if values.count == 3 { separator = found }
            values.append(value)
        }
        var fraction = false
        if values.count == 6, next(".") != nil {
            let digits = bytes[index...].prefix { (0x30...0x39).contains($0) }.count
            guard digits > 0 else { return nil }
            index += digits
            fraction = true
        }
        var zone = Zone.none
        if let designator = next("Zz") {
            zone = .utc(designator)
        } else if values.count >= 4, let sign = next("+-") {
            guard let hours = number(2) else { return nil }
            _ = next(":")
            guard let minutes = number(2) else { return nil }
            zone = .offset(sign: sign == "-" ? -1 : 1, hours: hours, minutes: minutes)
        }
        guard index == bytes.count else { return nil }
        fields = CalendarFields(year: values[0], month: values.count > 1 ? values[1] : 1, day: values.count > 2 ? values[2] : 1,
                                hour: values.count > 3 ? values[3] : 0, minute: values.count > 4 ? values[4] : 0,
                                second: values.count > 5 ? values[5] : 0)
        count = values.count
        timeSeparator = separator
        hasFraction = fraction
        self.zone = zone
    }
}
