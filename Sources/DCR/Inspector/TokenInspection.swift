import JOSE

/// What the web inspector shows of a pasted text: each token in it (split as `jwstool lint` splits its input: a JSON
/// serialization over many lines, a token wrapped across lines, a line that is not a token reported on its own), read
/// as far as it can be read, linted under its detected profile or the one asked for, and — given keys — verified,
/// with every failed check. The same library code as the CLI; nothing here is HTTP.
public struct TokenInspection: Sendable {
    /// One token's facts, ready to show.
    public struct Token: Sendable {
        /// `pasted` for a lone token, `pasted:LINE` when the text holds several.
        public let label: String
        public let profile: String
        public let profileReason: String
        /// The header and the payload as JSON, members in the token's order; nil when they are not readable JSON.
        public let header: String?
        public let payload: String?
        /// The payload as text when it is not JSON (nil when it is, or cannot be decoded).
        public let payloadText: String?
        public let times: [TimeClaim]
        public let findings: [Finding]
        public let verification: Verification?
        public let errors: Int
        public let warnings: Int
        public let notices: Int
    }

    /// `exp`, `nbf` or `iat`, in UTC and relative to now.
    public struct TimeClaim: Sendable {
        public let name: String
        public let utc: String
        public let relative: String
    }

    /// One lint finding.
    public struct Finding: Sendable {
        public let rule: String
        public let severity: String
        public let message: String
        public let location: String
        public let citation: String
    }

    /// The verdict with the keys given.
    public struct Verification: Sendable {
        public let verified: Bool
        /// `RS256 with token-key-AbC…` when verified.
        public let detail: String
        /// Every check that failed, in words.
        public let failures: [String]
    }

    /// How the inspection went wrong before any token was read: the keys could not be read.
    public let keyProblem: String?
    /// Whether the pasted keys held a private key or a secret: a page must not show them back.
    public let pastedSecrets: Bool
    public let tokens: [Token]

    /// The largest text inspected: the registration endpoint's limit for a whole request.
    public static let maximumBytes = 256 * 1024

    /// Inspects `text`.
    /// - Parameters:
    ///   - keys: PEM, a JWK or a JWK Set, as pasted (empty: none).
    ///   - serverKeys: the server's own public keys, when asked for.
    ///   - profile: the lint profile; nil detects it per token.
    public init(_ text: String, keys: String = "", serverKeys: KeySet? = nil, profile: LintProfile? = nil, now: NumericDate = .now) {
        var keySet = serverKeys ?? KeySet()
        var keyProblem: String? = nil
        var pastedSecrets = false
        let pasted = keys.trimmingCharacters(in: .whitespacesAndNewlines)
        if !pasted.isEmpty {
            do {
                let read = try KeyFile.keys(from: Array(pasted.utf8))
                pastedSecrets = read.contains { $0.isPrivate }
                keySet.keys += try read.map { try $0.publicKey }
            } catch {
                keyProblem = "the keys: \(error)"
                // Unreadable text may still be a key someone meant to keep: never show it back.
                pastedSecrets = pasted.contains("PRIVATE KEY") || pasted.contains("\"d\"") || pasted.contains("\"k\"")
            }
        }
        self.pastedSecrets = pastedSecrets
        let given = keySet.keys.isEmpty ? nil : keySet
        let linter: Linter
        do { linter = try Linter(options: LintOptions(profile: profile, keys: given, now: now)) } catch {
            // Only disabled rules that do not exist are refused, and none is disabled here.
            self.keyProblem = "\(error)"
            tokens = []
            return
        }
        self.keyProblem = keyProblem
        let inputs = TokenSplitter.tokens(in: Array(text.utf8.prefix(TokenInspection.maximumBytes)), source: "pasted")
        tokens = inputs.map { input in TokenInspection.inspect(input, linter: linter, keys: given, now: now) }
    }

    private static func inspect(_ input: TokenInput, linter: Linter, keys: KeySet?, now: NumericDate) -> Token {
        let report = linter.lint(input.text)
        let token = report.token
        let payloadText = token.claims == nil ? token.payload.flatMap { String(validating: $0, as: UTF8.self) } : nil
        let times = ["iat", "nbf", "exp"].compactMap { name in
            token.date(name).map { TimeClaim(name: name, utc: $0.iso8601, relative: $0.relative(to: now)) }
        }
        let findings = report.findings.map {
            Finding(rule: $0.rule.id, severity: $0.severity.rawValue, message: $0.message, location: $0.location, citation: $0.rule.citation)
        }
        var verification: Verification? = nil
        if let keys {
            let result = TokenVerifier(keys: keys).verify(input.text, at: now)
            let detail = result.verified.map { "\($0.algorithm.rawValue) with \($0.key.id ?? "the \($0.key.type) key")" } ?? ""
            verification = Verification(verified: result.isValid, detail: detail, failures: result.failures.map(\.description))
        }
        return Token(label: input.label, profile: report.profile.rawValue, profileReason: report.profileReason,
                     header: token.header?.pretty, payload: token.claims?.pretty, payloadText: payloadText, times: times, findings: findings,
                     verification: verification, errors: report.count(.error), warnings: report.count(.warning), notices: report.count(.notice))
    }
}

