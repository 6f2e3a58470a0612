/// A UTC instant's calendar fields, and back: proleptic Gregorian, from day arithmetic (H. Hinnant's civil-date
/// algorithms), so no calendar object or time-zone database is consulted (dates in tokens, usage reports).
public struct CalendarFields: Sendable, Equatable {
    /// The year; 1 to 9999 for an instant in ``range``.
    public var year: Int64
    /// The month, 1 to 12.
    public var month: Int64
    /// The day of the month, from 1.
    public var day: Int64
    /// The hour, 0 to 23.
    public var hour: Int64
    /// The minute, 0 to 59.
    public var minute: Int64
    /// The second, 0 to 59 (no leap seconds, as in NumericDate).
    public var second: Int64

    /// The earliest and latest instants a report handles: 0001-01-01T00:00:00 and 9999-12-31T23:59:59.
    public static let range: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// Fields as given (check them with ``isValid``); what is left out is the start of the year, month, day or hour.
    public init(year: Int64, month: Int64 = 1, day: Int64 = 1, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The fields of `seconds` since the Unix epoch (UTC).
    public init(epochSeconds seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: dayOfYear - (153 * shiftedMonth + 2) / 5 + 1,
                  hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// Whether every field is within its calendar range (day within its month, leap years included).
    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month) && (1...Self.days(inMonth: month, year: year)).contains(day)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second)
    }

    /// Seconds since the Unix epoch; meaningful when ``isValid``.
    public var epochSeconds: Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `2026-11-23T07:15:00`, the form report links echo.
    public var iso8601: String {
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
    }

    static func days(inMonth month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
