extension LintRule {
    static let timeClaimMilliseconds = LintRule(
        id: "time-claim-milliseconds", severity: .error,
        summary: "A time claim lies past the year 3000: probably milliseconds instead of seconds.",
        citation: "RFC 7519 §2 (NumericDate)",
        rationale: "NumericDates count seconds. Millisecond values (as JavaScript's Date.now() gives) put exp tens of thousands of years away, so the token never expires.") { token in
        ["exp", "nbf", "iat"].compactMap { name in
            guard let date = token.date(name), date.secondsSinceEpoch > 32_503_680_000 else { return nil }
            return LintIssue("\(Int64(date.secondsSinceEpoch)) is past the year 3000; as milliseconds it would be \(NumericDate(date.secondsSinceEpoch / 1000))", at: "payload.\(name)")
        }
    }
}
