/// How serious a lint finding is.
public enum LintSeverity: String, Sendable, CaseIterable, Comparable {
    /// Worth knowing; the token is fine.
    case notice
    /// Likely a mistake or a weakness; the token may still be accepted.
    case warning
    /// The token breaks a requirement: a verifier should refuse it (lint exits 1).
    case error

    private var rank: Int { LintSeverity.allCases.firstIndex(of: self) ?? 0 }
    /// Whether `lhs` is less serious than `rhs`: notice < warning < error.
    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// What kind of token a set of rules is written for.
public enum LintProfile: String, Sendable, CaseIterable {
    /// Any JWT, checked against the JWT BCP (RFC 8725).
    case jwt
    /// A software statement (RFC 7591 §2.3), including the shape the TV-authentication service issues.
    case softwareStatement = "software-statement"
    /// An OAuth 2.0 access token in JWT format (RFC 9068).
    case accessToken = "access-token"
}

/// One problem a rule found: what and where.
public struct LintIssue: Sendable {
    /// What is wrong, in words a person can act on.
    public let message: String
    /// `header.alg`, `payload.exp`, `segment 2`, `token`…
    public let location: String

    /// An issue found at `location`.
    public init(_ message: String, at location: String) {
        self.message = message
        self.location = location
    }
}

/// A lint rule: self-describing metadata and a check. One rule per file in `Lint/Rules/`, listed in ``LintRule/all``.
public struct LintRule: Sendable, Identifiable {
    /// Stable kebab-case identifier, e.g. `alg-none`.
    public let id: String
    /// How serious its findings are.
    public let severity: LintSeverity
    /// One line: what the rule finds.
    public let summary: String
    /// Where the requirement comes from, e.g. `RFC 8725 §3.1`.
    public let citation: String
    /// Why it matters and how to fix it.
    public let rationale: String
    /// The profiles the rule runs in.
    public let profiles: Set<LintProfile>
    /// The check: every issue in the token, empty when the token passes.
    public let check: @Sendable (LintedToken) -> [LintIssue]

    /// A rule; list it in ``LintRule/all`` for the linter to run it.
    public init(id: String, severity: LintSeverity, summary: String, citation: String, rationale: String,
                profiles: Set<LintProfile> = Set(LintProfile.allCases), check: @escaping @Sendable (LintedToken) -> [LintIssue]) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.citation = citation
        self.rationale = rationale
        self.profiles = profiles
        self.check = check
    }

    /// The rule with this id, if any.
    public static func named(_ id: String) -> LintRule? { all.first { $0.id == id } }
}

/// A rule's finding in one token.
public struct LintFinding: Sendable {
    /// The rule that found it.
    public let rule: LintRule
    /// What is wrong.
    public let message: String
    /// Where in the token: `header.alg`, `payload.redirect_uris[1]`.
    public let location: String

    /// The rule's severity.
    public var severity: LintSeverity { rule.severity }
}
