import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Output helpers: colour only on a terminal that is not `TERM=dumb`, and never when `NO_COLOR` is set to a
/// non-empty value (https://no-color.org).
package enum Terminal {
    package static let colourEnabled: Bool = {
        // getenv, not ProcessInfo: this is read on every run, and ProcessInfo copies the whole environment first.
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        return isatty(STDOUT_FILENO) == 1 && (variable("NO_COLOR") ?? "").isEmpty && variable("TERM") != "dumb"
    }()

    package enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    package static func styled(_ text: String, _ style: Style) -> String {
        colourEnabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Text the user gave, as a message may show it: as it is when short and printable, else escaped and cut to
    /// 80 characters — so an argument holding a control character or a megabyte cannot rewrite the terminal or flood it.
    package static func shown(_ text: String) -> String {
        let printable = !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        if printable && text.count <= 80 { return text }
        let cut = text.count > 80 ? String(text.prefix(80)) : text
        let escaped = cut.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
        return "\"" + escaped + (text.count > 80 ? "…" : "") + "\""
    }

    /// Sends what `print` has buffered on to its reader now (a pipe's reader may be waiting for it).
    package static func flushOutput() { fflush(nil) }

    package static func error(_ message: String) {
        writeStandardError("jwstool: \(message)\n")
    }

    package static func note(_ message: String) {
        writeStandardError("\(message)\n")
    }

    private static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
