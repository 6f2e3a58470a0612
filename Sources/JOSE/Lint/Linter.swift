/// How to lint.
public struct LintOptions: Sendable {
    /// The profile; nil detects it (``ProfileDetection``).
    public var profile: LintProfile?
    /// Keys to verify the signature with; nil or empty: the signature is not checked.
    public var keys: KeySet?
    /// Certificates through which an `x5c` chain may be trusted when checking the signature.
    public var trustAnchors: TrustAnchors?
    /// Which keys are strong enough (for the signature check and the key-strength rules).
    public var keyPolicy: KeyPolicy
    /// The registrar shares an HMAC secret with the statement's issuer, so HS* statements are acceptable.
    public var sharedSecret: Bool
    /// Rule ids not to run.
    public var disabledRules: Set<String>
    /// The time the token's dates are judged as of.
    public var now: NumericDate
    /// The longest acceptable lifetime (`exp` − `iat`) per profile, in seconds.
    public var maximumLifetime: [LintProfile: Double]
    /// Tokens larger than this many bytes are reported.
    public var maximumSize: Int

    /// Options; by default the profile is detected, the signature not checked, dates judged as of now.
    public init(profile: LintProfile? = nil, keys: KeySet? = nil, trustAnchors: TrustAnchors? = nil, keyPolicy: KeyPolicy = .standard,
                sharedSecret: Bool = false, disabledRules: Set<String> = [], now: NumericDate = .now,
                maximumLifetime: [LintProfile: Double] = [.jwt: 365 * 86_400, .accessToken: 86_400, .softwareStatement: 5 * 365 * 86_400],
                maximumSize: Int = 8 * 1024) {
        self.profile = profile
        self.keys = keys
        self.trustAnchors = trustAnchors
        self.keyPolicy = keyPolicy
        self.sharedSecret = sharedSecret
        self.disabledRules = disabledRules
        self.now = now
        self.maximumLifetime = maximumLifetime
        self.maximumSize = maximumSize
    }
}

/// The findings for one token.
public struct LintReport: Sendable {
    /// The token as read.
    public let token: LintedToken
    /// The profile the rules ran under.
    public let profile: LintProfile
    /// Why the profile was chosen (`claims include software_id`, or `given with --profile`).
    public let profileReason: String
    /// In the order of the token: the token as a whole, then the header and the payload member by member as they
    /// appear (array elements by index), then the signature; at one place, most severe first, then in rule order.
    public let findings: [LintFinding]

    /// How many findings have `severity`.
    public func count(_ severity: LintSeverity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether anything at or above `threshold` was found.
    public func fails(at threshold: LintSeverity) -> Bool { findings.contains { $0.severity >= threshold } }
}

/// Runs the rules of a profile over tokens.
public struct Linter: Sendable {
    /// The options every token is linted with.
    public let options: LintOptions
    /// The rules it runs (those of the token's profile, less the disabled ones).
    public let rules: [LintRule]

    /// A linter running `rules` with `options`.
    /// - Throws: `.invalidArgument` when a disabled rule id does not exist.
    public init(options: LintOptions = LintOptions(), rules: [LintRule] = LintRule.all) throws(JOSEError) {
        for id in options.disabledRules.sorted() where !rules.contains(where: { $0.id == id }) {
            throw JOSEError(.invalidArgument, at: "disable", "no lint rule is called \"\(id)\" (see jwstool lint --list)")
        }
        self.options = options
        self.rules = rules.filter { !options.disabledRules.contains($0.id) }
    }

    /// Lints one token; never throws, whatever the input.
    public func lint(_ input: String) -> LintReport {
        report(LintedToken(input, options: options))
    }

    /// Lints a token its caller has already parsed and verified, as of `now` — so a server validating statements
    /// with a prepared verifier neither parses nor verifies one twice, and one linter serves every request.
    /// - Parameters:
    ///   - jws: the parsed token.
    ///   - text: the token as received (for the rules that read its text).
    ///   - claims: the payload as ``JWS/claimSet()`` read it.
    ///   - signature: what the caller's verification found.
    ///   - now: the time the time rules check against.
    public func lint(_ jws: JWS, text: String, claims: JSONValue?, signature: LintedToken.SignatureCheck, at now: NumericDate) -> LintReport {
        var options = options
        options.now = now
        return report(LintedToken(parsed: jws, text: text, claims: claims, signatureCheck: signature, options: options))
    }

    private func report(_ token: LintedToken) -> LintReport {
        var findings: [LintFinding] = []
        for rule in rules where rule.profiles.contains(token.profile) {
            findings += rule.check(token).map { LintFinding(rule: rule, message: $0.message, location: $0.location) }
        }
        let place = LintLocationOrder(token)
        let ordered = findings.enumerated().sorted { left, right in
            let (a, b) = (place.rank(left.element.location), place.rank(right.element.location))
            if a != b { return a.lexicographicallyPrecedes(b) }
            return (left.element.severity, -left.offset) > (right.element.severity, -right.offset)
        }.map(\.element)
        return LintReport(token: token, profile: token.profile, profileReason: token.profileReason, findings: ordered)
    }
}
