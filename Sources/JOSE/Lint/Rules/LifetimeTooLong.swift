extension LintRule {
    static let lifetimeTooLong = LintRule(
        id: "lifetime-too-long", severity: .warning,
        summary: "The lifetime (exp − iat, or exp − nbf) is longer than the profile allows.",
        citation: "RFC 8725 §3.10, RFC 9068 §5",
        rationale: "The longer a token lives, the longer a stolen copy works. Access tokens should live minutes to hours (at most a day by default here); other JWTs at most a year.") { token in
        guard let exp = token.date("exp"), let start = token.date("iat") ?? token.date("nbf"),
              let limit = token.options.maximumLifetime[token.profile] else { return [] }
        let lifetime = exp.secondsSinceEpoch - start.secondsSinceEpoch
        guard lifetime > limit else { return [] }
        return [LintIssue("lives \(TimeSpan.describe(lifetime)), longer than the \(token.profile.rawValue) limit of \(TimeSpan.describe(limit))", at: "payload.exp")]
    }
}
