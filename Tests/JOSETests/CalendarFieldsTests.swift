import Foundation
import JOSE
import Testing

/// The civil-date arithmetic that dates in tokens and usage reports use, against Foundation's Gregorian calendar.
@Suite("calendar fields")
struct CalendarFieldsTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// 1582-10-15, the first Gregorian day: Foundation's calendar is Julian before it, ISO 8601's (and ours) is not.
    static let gregorianStart: Int64 = -12_219_292_800

    @Test("fields of an instant and back agree with Foundation from 1582-10-15 to 9999, leap days and negative epochs included")
    func agreesWithFoundation() {
        var seconds: [Int64] = [0, -1, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400, Self.gregorianStart, 253_402_300_799]
        var state: UInt64 = 42
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            seconds.append(Self.gregorianStart + Int64(state >> 1) % (CalendarFields.range.upperBound - Self.gregorianStart))
        }
        for value in seconds {
            let fields = CalendarFields(epochSeconds: value)
            let expected = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(value)))
            #expect([fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second]
                    == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second].map { Int64($0 ?? -1) },
                    "\(value)")
            #expect(fields.isValid && fields.epochSeconds == value, "\(value)")
        }
    }

    @Test("validity: months, days in the month (leap years by the Gregorian rule), hours, minutes, seconds")
    func validity() {
        #expect(CalendarFields(year: 2024, month: 2, day: 29).isValid)
        #expect(!CalendarFields(year: 2026, month: 2, day: 29).isValid)
        #expect(CalendarFields(year: 2000, month: 2, day: 29).isValid)
        #expect(!CalendarFields(year: 1900, month: 2, day: 29).isValid)
        #expect(!CalendarFields(year: 2026, month: 13).isValid)
        #expect(!CalendarFields(year: 2026, month: 4, day: 31).isValid)
        #expect(!CalendarFields(year: 2026, hour: 24).isValid)
        #expect(!CalendarFields(year: 0).isValid && !CalendarFields(year: 10_000).isValid)
        #expect(CalendarFields(epochSeconds: 1_700_726_648).iso8601 == "2023-11-23T08:04:08")
        // Proleptic Gregorian before 1582, as ISO 8601: year 1 starts on a Monday, 719,162 days before the epoch.
        #expect(CalendarFields(epochSeconds: CalendarFields.range.lowerBound) == CalendarFields(year: 1))
        #expect(CalendarFields(year: 1).epochSeconds == -719_162 * 86_400)
    }

    @Test("ISO 8601 text: the pieces as written; hostile text is refused, never trapped on")
    func iso8601Text() throws {
        let full = try #require(ISO8601Text("2026-12-31T23:59:59.123+01:30"))
        #expect(full.count == 6 && full.timeSeparator == "T" && full.hasFraction && full.zone == .offset(sign: 1, hours: 1, minutes: 30))
        #expect(full.fields == CalendarFields(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        let prefix = try #require(ISO8601Text("2026-11Z"))
        #expect(prefix.count == 2 && prefix.zone == .utc("Z") && prefix.fields == CalendarFields(year: 2026, month: 11))
        #expect(ISO8601Text("2026-13-45")?.fields.isValid == false)
        let hostile = ["", "2026\0", "2026-", "20261", "2026-1-1", "2026-11-23T07:15:30:00", "2026+01:00", "+2026",
                       "2026-11-23T07:15:30." , String(repeating: "9", count: 10_000_000), "2026-11-23T07:15:30." + String(repeating: "1", count: 1_000_000) + "x",
                       "٢٠٢٦-11-23"]
        for text in hostile { #expect(ISO8601Text(text) == nil, "\(text.prefix(40))") }
        #expect(ISO8601Text("2026-11-23T07:15:30." + String(repeating: "1", count: 1_000_000))?.hasFraction == true)
    }
}
