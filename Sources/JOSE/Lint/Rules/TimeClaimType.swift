extension LintRule {
    static let timeClaimType = LintRule(
        id: "time-claim-type", severity: .error,
        summary: "exp, nbf or iat is not a number, or a number no date can be.",
        citation: "RFC 7519 §4.1.4–4.1.6, §2 (NumericDate)",
        rationale: "Time claims are NumericDates: JSON numbers of seconds since 1970. A string such as \"2026-01-01\" or \"1700000000\" is ignored by some libraries, which then treat the token as never expiring.") { token in
        ["exp", "nbf", "iat"].compactMap { name in
            guard let value = token.claims?[name] else { return nil }
            guard let seconds = value.numberValue else {
                return LintIssue("must be a number (a NumericDate), found \(value.excerpt)", at: "payload.\(name)")
            }
            // Millisecond values have their own rule.
            guard NumericDate(claim: seconds) == nil, LintRule.milliseconds(value) == nil else { return nil }
            return LintIssue(NumericDate.outOfRange(seconds, excerpt: value.excerpt), at: "payload.\(name)")
        }
    }
}
