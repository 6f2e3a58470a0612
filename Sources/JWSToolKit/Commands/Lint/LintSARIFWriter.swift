import JOSE

/// The SARIF 2.1.0 format (``SARIFLog``), for GitHub code scanning: one log with every finding.
struct LintSARIFWriter: FormatWriter {
    private var entries: [SARIFLog.Entry] = []

    mutating func write(_ items: [LintedInput]) -> String {
        entries += items.map { SARIFLog.Entry(uri: Self.uri($0.input.source), line: $0.input.line, report: $0.report) }
        return ""
    }

    mutating func finish() -> String { SARIFLog.document(entries, toolVersion: ToolMain.version).pretty + "\n" }

    /// A URI reference for SARIF: the file path as given, `stdin`, or `command-line` for a literal token.
    static func uri(_ source: String) -> String {
        switch source {
        case "<stdin>": "stdin"
        case "token": "command-line"
        default: source.hasPrefix("argument ") ? "command-line" : source
        }
    }
}
