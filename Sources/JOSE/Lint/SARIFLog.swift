/// Lint findings as a SARIF 2.1.0 log (OASIS), the format GitHub code scanning accepts.
public enum SARIFLog {
    /// One linted token and where it was read from.
    public struct Entry: Sendable {
        /// The file (relative URI reference), or a name such as `stdin`.
        public let uri: String
        /// The 1-based line of the file that holds the token.
        public let line: Int
        /// What the linter found in it.
        public let report: LintReport

        /// The report for the token at `line` of `uri`.
        public init(uri: String, line: Int, report: LintReport) {
            self.uri = uri
            self.line = line
            self.report = report
        }
    }

    /// The SARIF document: one run whose driver `jwstool` lists every rule and whose results are the findings.
    public static func document(_ entries: [Entry], rules: [LintRule] = LintRule.all, toolVersion: String) -> JSONValue {
        let driver: JSONValue = .object([
            ("name", "jwstool"),
            ("version", .string(toolVersion)),
            ("semanticVersion", .string(toolVersion)),
            ("rules", .array(rules.map(descriptor))),
        ])
        var results: [JSONValue] = []
        for entry in entries {
            for finding in entry.report.findings {
                guard let index = rules.firstIndex(where: { $0.id == finding.rule.id }) else { continue }
                results.append(.object([
                    ("ruleId", .string(finding.rule.id)),
                    ("ruleIndex", .integer(Int64(index))),
                    ("level", .string(level(finding.severity))),
                    ("message", .object([("text", .string("\(finding.location): \(finding.message)"))])),
                    ("locations", .array([.object([
                        ("physicalLocation", .object([
                            ("artifactLocation", .object([("uri", .string(entry.uri))])),
                            ("region", .object([("startLine", .integer(Int64(max(entry.line, 1))))])),
                        ])),
                        ("logicalLocations", .array([.object([("fullyQualifiedName", .string(finding.location)), ("kind", "member")])])),
                    ])])),
                    ("properties", .object([("profile", .string(entry.report.profile.rawValue))])),
                ]))
            }
        }
        return .object([
            ("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
            ("version", "2.1.0"),
            ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])])),
        ])
    }

    static func level(_ severity: LintSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .notice: "note"
        }
    }

    private static func descriptor(_ rule: LintRule) -> JSONValue {
        let name = rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("help", .object([("text", .string("\(rule.rationale) (\(rule.citation))"))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object([
                ("citation", .string(rule.citation)),
                ("tags", .array(LintProfile.allCases.filter(rule.profiles.contains).map { .string($0.rawValue) })),
            ])),
        ])
    }
}
