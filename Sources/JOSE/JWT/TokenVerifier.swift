/// Verifies a token end to end: structure, header, key choice, signature, then claims; reports every failure.
public struct TokenVerifier: Sendable {
    /// The signature checks: keys, allowed algorithms, key policy, trust anchors.
    public let signatures: JWSVerifier
    /// The claim checks; their policies are built once, here, not per token.
    public var claims: ClaimValidation { didSet { policies = claims.policies } }
    private var policies: [any ClaimPolicy]
    /// Reject JSON serializations (for software statements, access tokens, anything a JWT must be).
    public var requireCompact: Bool
    /// Also run the claim policies when no signature verified, to report every problem at once (a diagnostic tool's
    /// choice). Off by default: like a certificate verifier that runs its policies only on a verified chain, a server
    /// lets no unauthenticated byte reach claim code.
    public var diagnosesUnverifiedClaims: Bool
    /// Require every signature of a multi-signature JWS to verify (default: one is enough, RFC 7515 §7.2.1).
    public var requiresEverySignature = false

    /// A verifier for `keys` under `options` whose claims must pass `claims`; keys and policies are prepared here, once.
    public init(keys: KeySet, options: JWSVerifier.Options = .init(), claims: ClaimValidation = .init(), requireCompact: Bool = false,
                diagnosesUnverifiedClaims: Bool = false) {
        self.init(signatures: JWSVerifier(keys: keys, options: options), claims: claims, requireCompact: requireCompact,
                  diagnosesUnverifiedClaims: diagnosesUnverifiedClaims)
    }

    /// A verifier whose signatures are checked by `signatures`, already prepared (shared by verifiers that differ only in
    /// their claims), and whose claims must pass `claims`.
    public init(signatures: JWSVerifier, claims: ClaimValidation = .init(), requireCompact: Bool = false, diagnosesUnverifiedClaims: Bool = false) {
        self.signatures = signatures
        self.claims = claims
        policies = claims.policies
        self.requireCompact = requireCompact
        self.diagnosesUnverifiedClaims = diagnosesUnverifiedClaims
    }

    /// Verifies `token` (compact or JSON serialization) at `now`.
    public func verify(_ token: String, detachedPayload: [UInt8]? = nil, at now: NumericDate = .now) -> VerificationResult {
        let jws: JWS
        do {
            jws = try JWS.parse(token, detachedPayload: detachedPayload, understanding: signatures.options.understoodCriticalHeaders)
        } catch {
            return VerificationResult(jws: nil, verified: nil, claims: nil, claimsChecked: false, failures: [error])
        }
        return verify(jws, at: now)
    }

    /// Verifies an already parsed JWS at `now`.
    public func verify(_ jws: JWS, at now: NumericDate = .now) -> VerificationResult {
        verify(jws, claimSet: { () throws(JOSEError) in try jws.claimSet() }, at: now)
    }

    /// Verifies an already parsed JWS whose claim set the caller has already read (``JWS/claimSet()``), so the
    /// payload is not parsed again.
    public func verify(_ jws: JWS, claims: JSONValue?, at now: NumericDate = .now) -> VerificationResult {
        verify(jws, claimSet: { () throws(JOSEError) in claims }, at: now)
    }

    private func verify(_ jws: JWS, claimSet readClaims: () throws(JOSEError) -> JSONValue?, at now: NumericDate) -> VerificationResult {
        var failures: [JOSEError] = []
        if requireCompact && jws.serialization != .compact {
            failures.append(JOSEError(.malformed, at: "token", "a JWS \(jws.serialization) JSON serialization was given where a compact JWT is required"))
        }
        var verified: JWSVerifier.Verified? = nil
        do { verified = requiresEverySignature ? try signatures.verifyAll(jws).first : try signatures.verify(jws) } catch { failures.append(error) }

        guard verified != nil || diagnosesUnverifiedClaims else {
            return VerificationResult(jws: jws, verified: nil, claims: nil, claimsChecked: false, failures: failures)
        }
        let header = verified.map { jws.signatures[$0.signatureIndex].header } ?? jws.header
        let claimSet: JSONValue?
        do { claimSet = try readClaims() } catch {
            failures.append(error)
            return VerificationResult(jws: jws, verified: verified, claims: nil, claimsChecked: false, failures: failures)
        }
        guard let claimSet else {
            if claims.expectsClaims || requireCompact {
                failures.append(JOSEError(.claim, at: "payload", "is not a JSON object, so it is not a JWT and its claims cannot be checked"))
            }
            if let type = claims.type {
                failures += ExpectedType(type).evaluate(ClaimContext(header: header, claims: .object([]), now: now))
            }
            return VerificationResult(jws: jws, verified: verified, claims: nil, claimsChecked: false, failures: failures)
        }
        let context = ClaimContext(header: header, claims: claimSet, now: now)
        for policy in policies {
            // Two policies may read the same claim (time validity and maximum age both read iat): report each failure once.
            failures += policy.evaluate(context).filter { !failures.contains($0) }
        }
        return VerificationResult(jws: jws, verified: verified, claims: claimSet, claimsChecked: true, failures: failures)
    }
}

/// The outcome of ``TokenVerifier/verify(_:detachedPayload:at:)``.
public struct VerificationResult: Sendable {
    /// The parsed JWS; nil when the input is not a well-formed JWS.
    public let jws: JWS?
    /// The key and algorithm that verified the signature; nil when none did.
    public let verified: JWSVerifier.Verified?
    /// The payload as a claims object when it is one.
    public let claims: JSONValue?
    /// Whether the payload was a JWT claim set and the claim policies ran.
    public let claimsChecked: Bool
    /// Every failure, structural, cryptographic and claim alike; empty when the token is valid.
    public let failures: [JOSEError]

    /// Whether a signature verified and every check passed.
    public var isValid: Bool { failures.isEmpty && verified != nil }
}
