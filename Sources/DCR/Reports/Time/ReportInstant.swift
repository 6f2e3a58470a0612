import JOSE

/// A report's `start` or `end` as the CMU API takes it: an ISO 8601 date-time or a prefix of one (`2026`, `2026-11`,
/// `2026-11-23`, `2026-11-23T07`, `…T07:15`, `…T07:15:30`, with an optional `Z`), or epoch milliseconds.
enum ReportInstant {
    /// Epoch seconds. A prefix is filled with the start of what it leaves out, as the page says (`2012` is
    /// 2012-01-01T00:00:00), for `end` too, which is exclusive: `start=2026-11&end=2026-12` is November; epoch
    /// milliseconds are rounded to the second, down for `start`, up for `end`.
    static func parse(_ text: String, name: String, isEnd: Bool) throws(DCRError) -> Int64 {
        let problem = DCRError.badRequest("\(name) must be an ISO 8601 date-time or a prefix of one (2026, 2026-11, 2026-11-23T07:15), "
                                          + "or epoch milliseconds, got \(text.excerpt)")
        let bytes = Array(text.utf8)
        if bytes.count > 4, bytes.allSatisfy({ (0x30...0x39).contains($0) }) {
            guard bytes.count <= 15, let milliseconds = Int64(text), CalendarFields.range.contains(milliseconds / 1000) else { throw problem }
            return isEnd ? (milliseconds + 999) / 1000 : milliseconds / 1000
        }
        // A prefix of the extended form with a `T`, and at most a `Z`: no offsets, fractions or lower-case letters.
        guard let written = ISO8601Text(text), written.timeSeparator != " ", !written.hasFraction,
              written.zone == .none || written.zone == .utc("Z") else { throw problem }
        let fields = written.fields
        guard fields.isValid else {
            throw DCRError.badRequest("\(name) \(text.excerpt) is not a date: each field must be in range (month 01–12, day within the month, hour 00–23, minute and second 00–59)")
        }
        return fields.epochSeconds
    }
}
