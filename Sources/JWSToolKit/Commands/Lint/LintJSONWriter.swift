import JOSE

/// The JSON format: one document with every token's findings and a count of each severity.
struct LintJSONWriter: FormatWriter {
    private var entries: [JSONValue] = []
    private var counts: [LintSeverity: Int64] = [:]

    mutating func write(_ items: [LintedInput]) -> String {
        for item in items {
            let report = item.report
            let signature: JSONValue = switch report.token.signatureCheck {
            case .notChecked: "not-checked"
            case .verified: "verified"
            case .failed: "invalid"
            }
            for severity in LintSeverity.allCases { counts[severity, default: 0] += Int64(report.count(severity)) }
            entries.append(.object([
                ("input", .string(item.input.label)), ("file", .string(item.input.source)), ("line", .integer(Int64(item.input.line))),
                ("profile", .string(report.profile.rawValue)), ("profileReason", .string(report.profileReason)),
                ("signature", signature),
                ("findings", .array(report.findings.map { finding in
                    .object([("rule", .string(finding.rule.id)), ("severity", .string(finding.severity.rawValue)),
                             ("location", .string(finding.location)), ("message", .string(finding.message))])
                })),
            ]))
        }
        return ""
    }

    mutating func finish() -> String {
        let summary = LintSeverity.allCases.reversed().map { ($0.rawValue + "s", JSONValue.integer(counts[$0] ?? 0)) }
        return JSONValue.object([("tool", "jwstool"), ("version", .string(ToolMain.version)), ("tokens", .array(entries)),
                                 ("summary", .object(summary))]).pretty + "\n"
    }
}
