import JOSE
import Testing

/// Input an attacker controls: numbers of any magnitude, claim sets that a lenient parser reads differently,
/// keys that make signatures worthless. Nothing may trap, and every verdict names its reason.
@Suite("Hostile input: no traps, no wrong verdicts")
struct HostileInputTests {
    static let signer = Result { try Fixtures.key("ec256-pkcs8.pem") }

    /// Every magnitude a JSON number can take for a time claim, and the milliseconds mistake.
    static let timeValues = ["-1e19", "1e19", "1e308", "-1e308", "-0", "-0.0", "0.5", "1e-300", "1700000000000",
                             "9007199254740993", "-62135596801", "253402300800", "253402300799", "1.5e15"]

    func signed(_ payload: String, header: String = #"{"alg":"ES256","typ":"JWT"}"#) throws -> String {
        try makeToken(header: header, payload: payload, key: Self.signer.get(), algorithm: .es256)
    }

    func verifier(diagnosing: Bool = false, maximumAge: Double? = nil) throws -> TokenVerifier {
        TokenVerifier(keys: KeySet([try Self.signer.get().publicKey]), claims: ClaimValidation(maximumAge: maximumAge),
                      diagnosesUnverifiedClaims: diagnosing)
    }

    @Test("a time claim of any magnitude gets a verdict, never a trap", arguments: timeValues)
    func timeClaims(value: String) throws {
        let token = try signed(#"{"exp":\#(value),"nbf":\#(value),"iat":\#(value)}"#)
        for verifier in [try verifier(), try verifier(maximumAge: 3600), try verifier(diagnosing: true, maximumAge: 1e300)] {
            let result = verifier.verify(token)
            #expect(result.verified != nil)
            let seconds = try #require(Double(value))
            if NumericDate(claim: seconds) == nil {
                #expect(!result.isValid)
                #expect(result.failures.contains { $0.location == "payload.exp" && $0.reason.contains("out of range for a NumericDate") })
            }
        }
        // The same token unsigned, through the diagnostic path, the linter in every profile, and decoding.
        let unsigned = try makeToken(header: #"{"alg":"RS256","typ":"at+jwt"}"#, payload: #"{"exp":\#(value),"iat":\#(value)}"#) + "AAAA"
        _ = try verifier(diagnosing: true, maximumAge: 60).verify(unsigned)
        for profile in LintProfile.allCases {
            let report = try Linter(options: LintOptions(profile: profile)).lint(unsigned)
            #expect(!report.findings.isEmpty)
        }
    }

    @Test("an out-of-range date says so, with the milliseconds reading when there is one")
    func outOfRangeMessage() throws {
        let token = try signed(#"{"exp":1700000000000}"#)
        let failure = try #require(try verifier().verify(token).failures.first)
        #expect(failure.description == "payload.exp: 1700000000000 is out of range for a NumericDate (seconds from 0001-01-01 to 9999-12-31); if it counts milliseconds it would be 2023-11-14T22:13:20Z")
    }

    @Test("durations and leeways of any size are described and bounded, never trapped on")
    func durations() throws {
        for seconds in [Double.nan, .infinity, -.infinity, 1e300, -1e300, 0, -0.0, 59.9] {
            #expect(!TimeSpan.describe(seconds).isEmpty)
            #expect(!TimeSpan.seconds(seconds).isEmpty)
            #expect(TimeSpan.bounded(seconds) >= 0 && TimeSpan.bounded(seconds) <= TimeSpan.maximum)
        }
        #expect(throws: JOSEError.self) { try TimeSpan.parse(String(repeating: "9", count: 400)) }
        #expect(throws: JOSEError.self) { try TimeSpan.parse("٣h") }  // an Arabic-Indic digit is a digit, not an ASCII one
        // A NaN leeway must not make an expired token valid.
        var claims = ClaimValidation(time: TimeValidity(leeway: .nan))
        claims.maximumAge = .nan
        let expired = try signed(#"{"exp":1000,"iat":1000}"#)
        let result = TokenVerifier(keys: KeySet([try Self.signer.get().publicKey]), claims: claims).verify(expired)
        #expect(result.failures.map(\.location) == ["payload.exp", "payload.iat"])
    }

    @Test("a claim set with a duplicate member is invalid, not 'signature only'")
    func duplicateMemberPayload() throws {
        let token = try signed(#"{"exp":9999999999,"sub":"x","exp":1000}"#)
        let result = try verifier().verify(token)
        #expect(!result.isValid)
        let failure = try #require(result.failures.first)
        #expect(failure.location.hasPrefix("payload"))
        #expect(failure.reason.contains("duplicate member name \"exp\""))
    }

    @Test("a payload meant as JSON must be a valid object; plain text is a JWS that is not a JWT", arguments: [
        (#"{"alg":"ES256"}"#, "{not json", false),
        (#"{"alg":"ES256"}"#, " \n{\"a\":1,\"a\":2}", false),
        (#"{"alg":"ES256","typ":"JWT"}"#, "[1,2]", false),
        (#"{"alg":"ES256","typ":"application/at+jwt"}"#, "hello", false),
        (#"{"alg":"ES256"}"#, "hello", true),
        (#"{"alg":"ES256"}"#, "[1,2]", true),
    ])
    func payloadStrictness(header: String, payload: String, valid: Bool) throws {
        let result = try verifier().verify(try signed(payload, header: header))
        #expect(result.isValid == valid, "\(result.failures)")
        #expect(result.claimsChecked == false)
    }

    @Test("claim policies run only on a verified token unless the caller asks for a diagnosis")
    func claimsOnlyAfterSignature() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: #"{"exp":1000}"#) + "AAAA"
        let strict = try verifier().verify(token)
        #expect(!strict.claimsChecked)
        #expect(strict.failures.map(\.location) == ["signature"])
        let diagnosed = try verifier(diagnosing: true).verify(token)
        #expect(diagnosed.claimsChecked)
        #expect(diagnosed.failures.map(\.location).contains("payload.exp"))
    }

    /// The fixture RSA key's modulus with another public exponent.
    func rsaKey(exponent: [UInt8]) throws -> Key {
        let jwk = try Fixtures.key("rsa2048-spki.pem").jwk()
        let n = try #require(jwk["n"])
        return try Key(jwk: .object([("kty", "RSA"), ("n", n), ("e", .string(Base64URL.encode(exponent)))]))
    }

    @Test("RSA keys with a bad public exponent or the ROCA fingerprint are refused, with the weak-key opt-out", arguments: [
        ([1], "every message is its own signature"),
        ([3], "must be at least 65537"),
        ([0x01, 0x00, 0x00], "is even"),
        ([0x01] + [UInt8](repeating: 0, count: 31) + [0x01], "below 2^256"),
    ] as [([UInt8], String)])
    func flawedExponent(exponent: [UInt8], reason: String) throws {
        let key = try rsaKey(exponent: exponent)
        #expect(key.flaw?.contains(reason) == true, "\(key.flaw ?? "no flaw")")
        try expectRefusedUnlessOptedOut(key, reason: reason)
    }

    @Test("a modulus with the ROCA fingerprint is refused; ordinary moduli are not")
    func roca() throws {
        let key = try Fixtures.key("rsa2048-roca.pub.jwk")
        try expectRefusedUnlessOptedOut(key, reason: "ROCA")
        for name in ["rsa2048-spki.pem", "rsa2048-pkcs8.pem", "rsa1024-weak.pem"] {
            #expect(try Fixtures.key(name).flaw == nil)
        }
        #expect(try rsaKey(exponent: [0x01, 0x00, 0x01]).flaw == nil)
    }

    func expectRefusedUnlessOptedOut(_ key: Key, reason: String) throws {
        let token = try makeToken(header: #"{"alg":"RS256"}"#, payload: #"{"sub":"x"}"#) + Base64URL.encode([UInt8](repeating: 1, count: 256))
        let refused = TokenVerifier(keys: KeySet([key])).verify(token)
        let failure = try #require(refused.failures.first)
        #expect(failure.code == .keyRejected)
        #expect(failure.reason.contains(reason))
        let optedOut = TokenVerifier(keys: KeySet([key]), options: .init(keyPolicy: .allowingWeakRSA)).verify(token)
        #expect(optedOut.failures.first?.code == .badSignature)
    }
}
