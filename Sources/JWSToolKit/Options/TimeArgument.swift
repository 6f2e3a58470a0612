import JOSE

/// A time as people write one on the command line (`sign --exp`, `--nbf`, `--iat`; `verify --now`):
/// - `now`;
/// - a duration from now with its unit — `90s`, `15m`, `6h`, `30d`, `2w` — signed for the past: `-5m` makes a
///   deliberately expired test token;
/// - a Unix timestamp, digits only (`1700000000`, as smallstep's docs write it): a bare number is never a duration;
/// - an ISO 8601 date or date-time, `2026-12-31`, `2026-12-31T23:59`, `2026-12-31T23:59:59Z`, `…+01:00` (UTC when no
///   offset is given; a fraction of a second is dropped).
package enum TimeArgument {
    /// Epoch seconds, whole.
    /// - Throws: `ValidationError`-style usage failure naming the option and the forms it takes.
    package static func parse(_ text: String, option: String, now: NumericDate) throws(CLIFailure) -> Int64 {
        guard let seconds = value(text, now: now) else {
            throw CLIFailure(.usage, "\(option) \(Terminal.shown(text)): not a time; give a duration from now (1h, -5m), a Unix timestamp "
                             + "(1700000000) or an ISO 8601 date-time (2026-12-31T23:59:59Z)")
        }
        return seconds
    }

    /// The time `--now` names, or now when it is not given.
    package static func checkTime(_ text: String?, option: String = "--now") throws(CLIFailure) -> NumericDate {
        guard let text else { return .now }
        return NumericDate(Double(try parse(text, option: option, now: .now)))
    }

    /// The options that take a TIME. A value that begins with `-` (`--exp -5m`) is joined to its option
    /// (`--exp=-5m`), which ArgumentParser would otherwise read as an unknown flag.
    static let options: Set<String> = ["--exp", "--nbf", "--iat", "--now"]

    /// `arguments` with each negative time value joined to its option.
    package static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if options.contains(argument), index + 1 < arguments.count, arguments[index + 1].hasPrefix("-"), isTime(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
            } else {
                result.append(argument)
                index += 1
            }
        }
        return result
    }

    /// Whether `text` reads as a time (for telling `--iat VALUE` from `--iat` followed by something else).
    package static func isTime(_ text: String) -> Bool { value(text, now: NumericDate(0)) != nil }

    private static func value(_ text: String, now: NumericDate) -> Int64? {
        let base = Int64(now.secondsSinceEpoch.rounded(.down))
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        if text == "now" { return base }
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        if bytes.allSatisfy(isDigit) {
            guard let seconds = Int64(text), CalendarFields.range.contains(seconds) else { return nil }
            return seconds
        }
        // A duration: an optional sign, digits, a unit.
        var body = bytes[...]
        var sign: Int64 = 1
        if body.first == UInt8(ascii: "-") || body.first == UInt8(ascii: "+") {
            sign = body.first == UInt8(ascii: "-") ? -1 : 1
            body = body.dropFirst()
        }
        if let unit = body.last, let scale = units[unit], body.count > 1, body.dropLast().allSatisfy(isDigit),
           let amount = Double(String(decoding: body.dropLast(), as: UTF8.self)), amount * scale <= TimeSpan.maximum {
            let seconds = base + sign * Int64(amount * scale)
            return CalendarFields.range.contains(seconds) ? seconds : nil
        }
        return iso8601(text)
    }

    private static let units: [UInt8: Double] = [
        UInt8(ascii: "s"): 1, UInt8(ascii: "m"): 60, UInt8(ascii: "h"): 3600, UInt8(ascii: "d"): 86_400, UInt8(ascii: "w"): 604_800,
    ]

    /// `YYYY-MM-DD`, then optionally `T` (or a space) `HH:MM[:SS[.fraction]]` and `Z` or `±HH:MM` / `±HHMM`.
    private static func iso8601(_ text: String) -> Int64? {
        guard let written = ISO8601Text(text), written.count >= 3, written.count != 4,
              written.fields.isValid else { return nil }
        var offset: Int64 = 0
        switch written.zone {
        case .none: break
        case .utc: guard written.count >= 5 else { return nil }
        case .offset(let sign, let hours, let minutes):
            guard hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        let seconds = written.fields.epochSeconds - offset
        return CalendarFields.range.contains(seconds) ? seconds : nil
    }
}
