import JOSE

/// Fixed keys for the harnesses, made once per process: an HMAC secret (fast to sign with, so the claims harness
/// spends its time past the signature), an EC P-256 key and an RSA key.
enum FuzzKeys {
    static let hmac = Key(secret: Array("fuzzing-secret-of-thirty-two-bytes!!".utf8), id: "hs")
    static let ec: Key? = try? Key.generate(.ec(.p256))
    static let rsa: Key? = try? Key.generate(.rsa(bits: 2048))

    /// The public halves and the secret: what a verifier holds.
    static let verificationKeys: KeySet = {
        var keys = [hmac]
        for key in [ec, rsa].compactMap({ $0 }) { if let publicKey = try? key.publicKey { keys.append(publicKey) } }
        return KeySet(keys)
    }()

    /// A verifier with every claim policy, diagnosing so that claims run even when the signature fails.
    static let verifier = TokenVerifier(
        keys: verificationKeys,
        claims: ClaimValidation(issuer: "https://issuer.example", audience: "api", subject: "fuzz", type: "JWT",
                                requiredClaims: ["exp", "iat"], maximumAge: 3600),
        diagnosesUnverifiedClaims: true)

    /// One linter that detects the profile and checks signatures: the claims harness's, which must stay fast.
    static let autoLinter: Linter? = try? Linter(options: LintOptions(keys: verificationKeys))

    /// Every profile, with and without keys: the lint harness's.
    static let linters: [Linter] = LintProfile.allCases.flatMap { profile in
        [try? Linter(options: LintOptions(profile: profile)), try? Linter(options: LintOptions(profile: profile, keys: verificationKeys))]
    }.compactMap { $0 } + [try? Linter()].compactMap { $0 }
}
