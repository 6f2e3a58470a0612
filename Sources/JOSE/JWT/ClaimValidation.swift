/// The claim checks of a JWT verification, built from simple settings (what the CLI flags set).
public struct ClaimValidation: Sendable {
    /// Leeways for clock skew, per time claim.
    public var time: TimeValidity
    /// The `iss` required, exactly; nil does not check it.
    public var issuer: String?
    /// An `aud` required (the claim, a string or an array, must contain it); nil does not check it.
    public var audience: String?
    /// The `sub` required, exactly; nil does not check it.
    public var subject: String?
    /// The expected header `typ`.
    public var type: String?
    /// Claims that must be present, whatever their value.
    public var requiredClaims: [String]
    /// Maximum age from `iat`, in seconds.
    public var maximumAge: Double?
    /// Further checks (profiles, application rules).
    public var additionalPolicies: [any ClaimPolicy]

    /// Claim checks; by default only the time claims, with the default leeway.
    public init(time: TimeValidity = TimeValidity(), issuer: String? = nil, audience: String? = nil, subject: String? = nil,
                type: String? = nil, requiredClaims: [String] = [], maximumAge: Double? = nil,
                additionalPolicies: [any ClaimPolicy] = []) {
        self.time = time
        self.issuer = issuer
        self.audience = audience
        self.subject = subject
        self.type = type
        self.requiredClaims = requiredClaims
        self.maximumAge = maximumAge
        self.additionalPolicies = additionalPolicies
    }

    /// Every policy, in the order they are reported.
    public var policies: [any ClaimPolicy] {
        var policies: [any ClaimPolicy] = [time]
        if let type { policies.append(ExpectedType(type)) }
        if let issuer { policies.append(ExpectedClaimValue("iss", equals: issuer)) }
        if let subject { policies.append(ExpectedClaimValue("sub", equals: subject)) }
        if let audience { policies.append(ExpectedAudience(audience)) }
        if !requiredClaims.isEmpty { policies.append(RequiredClaims(requiredClaims)) }
        if let maximumAge { policies.append(MaximumAge(maximumAge, leeway: time.issuedAtLeeway)) }
        return policies + additionalPolicies
    }

    /// Whether the caller asked for anything a non-JWT payload cannot satisfy.
    var expectsClaims: Bool {
        issuer != nil || audience != nil || subject != nil || !requiredClaims.isEmpty || maximumAge != nil || !additionalPolicies.isEmpty
    }
}
