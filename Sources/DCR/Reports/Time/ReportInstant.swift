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
        // The pieces: year, then each later field with the separator before it.
        let separators: [UInt8] = [0x2D, 0x2D, 0x54, 0x3A, 0x3A]  // - - T : :
        var values: [Int64] = []
        let body = bytes.last == 0x5A ? bytes.dropLast() : bytes[...]  // Z
        var rest = body
        while !rest.isEmpty {
            if !values.isEmpty {
                guard values.count <= separators.count, rest.first == separators[values.count - 1] else { throw problem }
                rest = rest.dropFirst()
            }
            let width = values.isEmpty ? 4 : 2
            let digits = rest.prefix(width)
            guard digits.count == width, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { throw problem }
            values.append(digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) })
            rest = rest.dropFirst(width)
        }
        guard !values.isEmpty, values.count <= 6 else { throw problem }
        let fields = CalendarFields(year: values[0], month: values.count > 1 ? values[1] : 1, day: values.count > 2 ? values[2] : 1,
                                    hour: values.count > 3 ? values[3] : 0, minute: values.count > 4 ? values[4] : 0,
                                    second: values.count > 5 ? values[5] : 0)
        guard fields.isValid else {
            throw DCRError.badRequest("\(name) \(text.excerpt) is not a date: each field must be in range (month 01–12, day within the month, hour 00–23, minute and second 00–59)")
        }
        return fields.epochSeconds
    }
}
