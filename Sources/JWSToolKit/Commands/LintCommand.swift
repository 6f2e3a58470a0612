import ArgumentParser
import FoundationEssentials
import JOSE

/// `jwstool lint`: a defensive linter for software statements, access tokens and JWTs.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check tokens against the JWT best practices, RFC 7591 software statements and RFC 9068 access tokens.",
        discussion: """
            Exit status 0 when nothing at or above --fail-on was found, 1 otherwise, 2 for usage errors. \
            `jwstool lint --list` lists the rules; `jwstool lint --explain RULE` explains one.
            """)

    enum ProfileChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, jwt, softwareStatement = "software-statement", accessToken = "access-token"
        var profile: LintProfile? { LintProfile(rawValue: rawValue) }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Option(help: "The profile: auto picks it from the token.") var profile: ProfileChoice = .auto
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var keys: KeyOptions
    @Option(help: "Output format.") var format: Format = .text
    @Option(help: "The lowest severity that fails the run: error, warning or notice.") var failOn: LintSeverity = .error
    @Option(name: .customLong("disable"), help: ArgumentHelp("A rule not to run (repeatable).", valueName: "rule")) var disabled: [String] = []
    @Flag(help: "The registrar shares an HMAC secret with the issuer: HS* statements are acceptable.") var sharedSecret = false
    @Flag(help: "List every rule and exit.") var list = false
    @Flag(help: "With --list: print the Markdown table README.md carries.") var markdown = false
    @Option(help: ArgumentHelp("Explain one rule and exit.", valueName: "rule")) var explain: String?
    @Argument(help: "Tokens, files, directories, or - for standard input (default).") var inputs: [String] = []

    func run() throws {
        if list { return markdown ? print(LintRule.markdownTable) : printList() }
        if let explain {
            guard let rule = LintRule.named(explain) else { throw CLIFailure(.usage, "no lint rule is called \"\(explain)\" (see jwstool lint --list)") }
            return print(Self.explanation(rule))
        }
        let options = LintOptions(profile: profile.profile, keys: try keys.loadKeys(), trustAnchors: try keys.loadTrustAnchors(),
                                  keyPolicy: keys.keyPolicy, sharedSecret: sharedSecret, disabledRules: Set(disabled))
        let linter: Linter
        do { linter = try Linter(options: options) } catch { throw CLIFailure(.usage, error.description) }
        var failed = false
        var totals: [LintSeverity: Int] = [:]
        var count = 0
        var entries: [(TokenInput, LintReport)] = []
        // Streamed: batches are read, linted by --jobs workers and handled in input order, all at once. Text is printed
        // as it comes; a JSON or SARIF document needs every report, so those are kept until the end.
        try TokenInputs.process(inputs, options: inputOptions, transform: { linter.lint($0.text) }) { tokens, reports in
            if format == .text { printText(tokens, reports, totals: &totals) } else { entries += zip(tokens, reports) }
            count += tokens.count
            failed = failed || reports.contains { $0.fails(at: failOn) }
        }
        switch format {
        case .text:
            let summary = LintSeverity.allCases.reversed().map { "\(totals[$0] ?? 0) \($0.rawValue)\(totals[$0] == 1 ? "" : "s")" }
            print("\(count) token\(count == 1 ? "" : "s"): \(summary.joined(separator: ", "))")
        case .json:
            print(Self.json(entries.map(\.0), entries.map(\.1)).pretty)
        case .sarif:
            let results = entries.map { SARIFLog.Entry(uri: Self.uri($0.source), line: $0.line, report: $1) }
            print(SARIFLog.document(results, toolVersion: ToolMain.version).pretty)
        }
        if failed { throw ExitCode(CLIFailure.Status.invalid.rawValue) }
    }

    /// A URI reference for SARIF: the file path as given, `stdin`, or `command-line` for a literal token.
    static func uri(_ source: String) -> String {
        switch source {
        case "<stdin>": "stdin"
        case "token": "command-line"
        default: source.hasPrefix("argument ") ? "command-line" : source
        }
    }

    private func printText(_ tokens: [TokenInput], _ reports: [LintReport], totals: inout [LintSeverity: Int]) {
        for (token, report) in zip(tokens, reports) {
            print("\(Terminal.styled(token.label, .bold))  profile \(report.profile.rawValue) (\(report.profileReason))")
            let width = min(34, report.findings.map(\.location.count).max() ?? 0)
            for finding in report.findings {
                totals[finding.severity, default: 0] += 1
                let severity = Terminal.styled(finding.severity.rawValue.padded(to: 8), Self.style(finding.severity))
                let location = finding.location.padded(to: width)
                print("  \(severity) \(location)  \(finding.message) \(Terminal.styled("[\(finding.rule.id)]", .dim))")
            }
            if report.findings.isEmpty { print("  " + Terminal.styled("no findings", .green)) }
            if case .verified(let algorithm, let key) = report.token.signatureCheck { print("  signature verified: \(algorithm) with \(key)") }
        }
    }

    static func style(_ severity: LintSeverity) -> Terminal.Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .notice: .cyan
        }
    }

    static func json(_ tokens: [TokenInput], _ reports: [LintReport]) -> JSONValue {
        let entries: [JSONValue] = zip(tokens, reports).map { token, report in
            let signature: JSONValue = switch report.token.signatureCheck {
            case .notChecked: "not-checked"
            case .verified: "verified"
            case .failed: "invalid"
            }
            return .object([
                ("input", .string(token.label)), ("file", .string(token.source)), ("line", .integer(Int64(token.line))),
                ("profile", .string(report.profile.rawValue)), ("profileReason", .string(report.profileReason)),
                ("signature", signature),
                ("findings", .array(report.findings.map { finding in
                    .object([("rule", .string(finding.rule.id)), ("severity", .string(finding.severity.rawValue)),
                             ("location", .string(finding.location)), ("message", .string(finding.message))])
                })),
            ])
        }
        let counts = LintSeverity.allCases.reversed().map { severity in
            (plural(severity), JSONValue.integer(Int64(reports.reduce(0) { $0 + $1.count(severity) })))
        }
        return .object([("tool", "jwstool"), ("version", .string(ToolMain.version)), ("tokens", .array(entries)), ("summary", .object(counts))])
    }

    private static func plural(_ severity: LintSeverity) -> String { severity.rawValue + "s" }

    private func printList() {
        for rule in LintRule.all {
            let profiles = rule.profiles.count == LintProfile.allCases.count ? "all" : LintProfile.allCases.filter(rule.profiles.contains).map(\.rawValue).joined(separator: ",")
            print("\(rule.id.padded(to: 30)) \(rule.severity.rawValue.padded(to: 8)) \(profiles.padded(to: 32)) \(rule.citation)")
        }
    }

    static func explanation(_ rule: LintRule) -> String {
        let profiles = LintProfile.allCases.filter(rule.profiles.contains).map(\.rawValue).joined(separator: ", ")
        return """
            \(rule.id) (\(rule.severity.rawValue); profiles: \(profiles))
            \(rule.summary)
            Citation: \(rule.citation)

            \(rule.rationale)
            """
    }
}

extension LintSeverity: ExpressibleByArgument {}
