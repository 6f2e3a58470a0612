import JOSE
import Testing

@Suite("JWT claim policies")
struct ClaimTests {
    let now = NumericDate(1_800_000_000)

    func evaluate(_ claims: String, header: String = #"{"alg":"ES256"}"#, _ validation: ClaimValidation) throws -> [JOSEError] {
        let context = ClaimContext(header: JOSEHeader(protected: try JSONValue.parse(header), unprotected: nil),
                                   claims: try JSONValue.parse(claims), now: now)
        return validation.policies.flatMap { $0.evaluate(context) }
    }

    @Test("exp, nbf and iat with leeway")
    func times() throws {
        let validation = ClaimValidation(time: TimeValidity(leeway: 60))
        #expect(try evaluate(#"{"exp":1800000000,"nbf":1800000000,"iat":1800000000}"#, validation).isEmpty)
        #expect(try evaluate(#"{"exp":1799999950}"#, validation).isEmpty)
        let expired = try evaluate(#"{"exp":1799999000}"#, validation)
        #expect(expired.map(\.description) == ["payload.exp: expired at 2027-01-15T07:43:20Z (16m ago, leeway 60s)"])
        #expect(try evaluate(#"{"nbf":1800000100}"#, validation).first?.location == "payload.nbf")
        #expect(try evaluate(#"{"iat":1800000100}"#, validation).first?.reason.contains("issued in the future") == true)
        let perClaim = ClaimValidation(time: TimeValidity(expirationLeeway: 0, notBeforeLeeway: 300, issuedAtLeeway: 300))
        #expect(try evaluate(#"{"exp":1799999999,"nbf":1800000100}"#, perClaim).map(\.location) == ["payload.exp"])
    }

    @Test("time claims must be numbers", arguments: [#""tomorrow""#, "true", "null", "[1]", #"{"a":1}"#])
    func numericDates(value: String) throws {
        let failures = try evaluate(#"{"exp":\#(value)}"#, ClaimValidation())
        #expect(failures.first?.reason.hasPrefix("must be a number") == true)
    }

    @Test("iss, sub, aud (string or array, exact), typ, required, max age — every failure reported")
    func everything() throws {
        let validation = ClaimValidation(issuer: "https://auth.example.com", audience: "api", subject: "app-1", type: "at+jwt",
                                         requiredClaims: ["jti", "client_id"], maximumAge: 3600)
        let good = #"{"iss":"https://auth.example.com","sub":"app-1","aud":["x","api"],"jti":"1","client_id":"c","iat":1799999000}"#
        #expect(try evaluate(good, header: #"{"alg":"ES256","typ":"application/AT+JWT"}"#, validation).isEmpty)
        let bad = #"{"iss":"https://auth.example.com/","sub":1,"aud":"API","iat":1790000000}"#
        let failures = try evaluate(bad, header: #"{"alg":"ES256","typ":"JWT"}"#, validation)
        #expect(failures.map(\.location) == ["header.typ", "payload.iss", "payload.sub", "payload.aud", "payload.jti", "payload.client_id", "payload.iat"])
    }

    @Test("durations parse and print")
    func durations() throws {
        #expect(try TimeSpan.parse("90s") == 90)
        #expect(try TimeSpan.parse("15m") == 900)
        #expect(try TimeSpan.parse("6h") == 21_600)
        #expect(try TimeSpan.parse("30d") == 2_592_000)
        #expect(try TimeSpan.parse("45") == 45)
        #expect(throws: JOSEError.self) { try TimeSpan.parse("soon") }
        #expect(throws: JOSEError.self) { try TimeSpan.parse("-5m") }
        #expect(NumericDate(0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(NumericDate(951_782_400).iso8601 == "2000-02-29T00:00:00Z")
        #expect(NumericDate(1_800_000_000).relative(to: NumericDate(1_800_000_000 - 3 * 86_400)) == "in 3d")
    }
}

@Suite("the library's names")
struct LibraryNameTests {
    @Test("import JOSE leaves Swift.Duration alone: spans of seconds are TimeSpan")
    func durationNotShadowed() throws {
        let timeout: Duration = .seconds(5)
        #expect(timeout == .milliseconds(5000))
        #expect(try TimeSpan.parse("6h") == 21_600)
    }
}

@Suite("failure codes a program can branch on")
struct ClaimFailureCodeTests {
    @Test("expired, not yet valid, issuer, audience, type and missing claims each have their own code")
    func codes() throws {
        let key = Key(secret: Array(repeating: 7, count: 32))
        let now = NumericDate(1_800_000_000)
        let token = try JWSSigner().signJWT(["iss": "https://other", "aud": "web", "exp": 1_700_000_000, "nbf": 1_900_000_000],
                                            key: key, algorithm: .hs256, header: [("typ", "JWT")])
        let validation = ClaimValidation(issuer: "https://issuer", audience: "api", type: "at+jwt", requiredClaims: ["jti"])
        let result = TokenVerifier(keys: KeySet([key]), claims: validation).verify(token, at: now)
        let codes = Dictionary(result.failures.map { ($0.location, $0.code) }, uniquingKeysWith: { first, _ in first })
        #expect(codes["payload.exp"] == .expired)
        #expect(codes["payload.nbf"] == .notYetValid)
        #expect(codes["payload.iss"] == .issuer)
        #expect(codes["payload.aud"] == .audience)
        #expect(codes["header.typ"] == .type)
        #expect(codes["payload.jti"] == .missingClaim)
    }
}
