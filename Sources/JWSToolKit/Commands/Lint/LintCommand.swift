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

    @Option(help: "The profile: auto picks it from the token.") var profile: ProfileChoice = .auto
    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var keys: KeyOptions
    @Option(help: "Output format.") var format: LintFormat = .text
    @Option(help: "The lowest severity that fails the run: error, warning or notice.") var failOn: LintSeverity = .error
    @Option(name: .customLong("disable"), help: ArgumentHelp("A rule not to run (repeatable).", valueName: "rule")) var disabled: [String] = []
    @Flag(help: "The registrar shares an HMAC secret with the issuer: HS* statements are acceptable.") var sharedSecret = false
    @Option(help: ArgumentHelp("Lint as of TIME instead of now (a Unix timestamp, an ISO 8601 date-time, or a duration from now).", valueName: "time"))
    var now: String?
    @Flag(help: "List every rule and exit.") var list = false
    @Flag(help: "With --list: print the Markdown table README.md carries.") var markdown = false
    @Option(help: ArgumentHelp("Explain one rule and exit.", valueName: "rule")) var explain: String?
    @Argument(help: "Tokens, files, directories, or - for standard input (default).", completion: .file()) var inputs: [String] = []

    func run() throws {
        if list { return markdown ? print(LintRule.markdownTable) : printList() }
        if let explain {
            guard let rule = LintRule.named(explain) else { throw CLIFailure(.usage, "no lint rule is called \"\(explain)\" (see jwstool lint --list)") }
            return print(Self.explanation(rule))
        }
        let time = try TimeArgument.checkTime(now)
        let keys = self.keys.sources
        let options = LintOptions(profile: profile.profile, keys: try keys.loadKeys(), trustAnchors: try keys.loadTrustAnchors(),
                                  keyPolicy: keys.keyPolicy, sharedSecret: sharedSecret, disabledRules: Set(disabled), now: time)
        let linter: Linter
        do { linter = try Linter(options: options) } catch { throw CLIFailure(.usage, error.description) }
        var failed = false
        var writer = format.writer()
        // Streamed: batches are read, linted by --jobs workers and handed to the writer in input order. Text is printed
        // as it comes; a JSON or SARIF document needs every report, so those writers keep them until the end.
        try TokenInputs.process(inputs, limits: inputOptions.limits, transform: { linter.lint($0.text) }) { tokens, reports in
            print(writer.write(zip(tokens, reports).map(LintedInput.init)), terminator: "")
            failed = failed || reports.contains { $0.fails(at: failOn) }
        }
        print(writer.finish(), terminator: "")
        if failed { throw ExitCode(CLIFailure.Status.invalid.rawValue) }
    }

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
extension LintFormat: ExpressibleByArgument {}
