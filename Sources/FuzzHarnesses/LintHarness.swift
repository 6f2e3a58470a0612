import JOSE

enum LintHarness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for linter in FuzzKeys.linters {
            let report = linter.lint(text)
            for finding in report.findings { _ = finding.message; _ = finding.location }
        }
    }
}
