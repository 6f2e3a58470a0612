import Foundation

/// Output helpers: colour only on a terminal and never when `NO_COLOR` is set (https://no-color.org).
enum Terminal {
    static let colourEnabled: Bool = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
    }

    static func styled(_ text: String, _ style: Style) -> String {
        colourEnabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Sends what `print` has buffered on to its reader now (a pipe's reader may be waiting for it).
    static func flushOutput() { fflush(nil) }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("jwstool: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
