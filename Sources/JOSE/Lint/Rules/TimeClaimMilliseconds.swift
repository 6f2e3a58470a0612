extension LintRule {
    static let timeClaimMilliseconds = LintRule(
        id: "time-claim-milliseconds", severity: .error,
        summary: "A time claim lies past the year 3000: probably milliseconds instead of seconds.",
        citation: "RFC 7519 §2 (NumericDate)",
        rationale: "NumericDates count seconds. Millisecond values (as JavaScript's Date.now() gives) put exp tens of thousands of years away, so the token never expires.") { token in
        ["exp", "nbf", "iat"].compactMap { name in
            guard let value = token.claims?[name], let milliseconds = LintRule.milliseconds(value) else { return nil }
            return LintIssue("\(value.excerpt) is past the year 3000; as milliseconds it would be \(milliseconds)", at: "payload.\(name)")
        }
    }
}

extension LintRule {
    /// The date a time claim would be if it counted milliseconds, when as seconds it lies past the year 3000.
    static func milliseconds(_ value: JSONValue) -> NumericDate? {
        guard let seconds = value.numberValue, seconds > 32_503_680_000 else { return nil }
        return NumericDate(claim: seconds / 1000)
    }
}
