import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Output helpers: colour only on a terminal and never when `NO_COLOR` is set (https://no-color.org).
package enum Terminal {
    package static let colourEnabled: Bool = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    package enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    package static func styled(_ text: String, _ style: Style) -> String {
        colourEnabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
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
