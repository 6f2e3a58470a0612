import JOSE

/// The text format: each token's findings as soon as its batch is linted, a count of each severity at the end.
struct LintTextWriter: FormatWriter {
    private var totals: [LintSeverity: Int] = [:]
    private var count = 0

    mutating func write(_ items: [LintedInput]) -> String {
        var lines: [String] = []
        for item in items {
            let report = item.report
            count += 1
            lines.append("\(Terminal.styled(item.input.label, .bold))  profile \(report.profile.rawValue) (\(report.profileReason))")
            let width = min(34, report.findings.map(\.location.count).max() ?? 0)
            for finding in report.findings {
                totals[finding.severity, default: 0] += 1
                let severity = Terminal.styled(finding.severity.rawValue.padded(to: 8), Self.style(finding.severity))
                lines.append("  \(severity) \(finding.location.padded(to: width))  \(finding.message) \(Terminal.styled("[\(finding.rule.id)]", .dim))")
            }
            if report.findings.isEmpty { lines.append("  " + Terminal.styled("no findings", .green)) }
            if case .verified(let algorithm, let key) = report.token.signatureCheck { lines.append("  signature verified: \(algorithm) with \(key)") }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    mutating func finish() -> String {
        let summary = LintSeverity.allCases.reversed().map { "\(totals[$0] ?? 0) \($0.rawValue)\(totals[$0] == 1 ? "" : "s")" }
        return "\(count) token\(count == 1 ? "" : "s"): \(summary.joined(separator: ", "))\n"
    }

    static func style(_ severity: LintSeverity) -> Terminal.Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .notice: .cyan
        }
    }
}
