import JOSE

/// One linted token with where it was read from: what every lint output format writes.
struct LintedInput: Sendable {
    let input: TokenInput
    let report: LintReport
}

/// `jwstool lint --format`: each format is one ``FormatWriter`` of ``LintedInput``s.
enum LintFormat: String, CaseIterable, Sendable {
    case text, json, sarif

    func writer() -> any FormatWriter<LintedInput> {
        switch self {
        case .text: LintTextWriter()
        case .json: LintJSONWriter()
        case .sarif: LintSARIFWriter()
        }
    }
}
