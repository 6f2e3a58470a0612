import JOSE
import Testing

/// Every lint rule, both ways: a token that triggers it, and clean tokens of each profile that trigger nothing.
@Suite("Lint rules")
struct LintRuleTests {
    static let now = NumericDate(1_800_000_000)
    static let uuid = "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b"
    static let secret = Key(secret: Array(repeating: 7, count: 32))
    /// The signing key, or why it could not be loaded (reported by `fixturesLoad`, never a crash).
    static let rsaResult = Result { try Fixtures.key("rsa2048-pkcs8.pem") }
    static var rsa: Key { (try? rsaResult.get()) ?? secret }

    static let baseline: [LintProfile: (header: String, payload: String)] = [
        .jwt: (#"{"alg":"RS256","typ":"JWT"}"#, #"{"iss":"https://issuer.example","sub":"user-1","aud":"api","iat":1799999990,"exp":1800003600}"#),
        .softwareStatement: (#"{"alg":"RS256","typ":"JWT"}"#, #"{"iss":"https://auth.example.com","sub":"\#(uuid)","software_id":"\#(uuid)","software_version":"1.0","redirect_uris":["https://app.example.com/cb","http://127.0.0.1:8400/cb","com.example.app:/oauth"],"grant_types":["authorization_code"],"response_types":["code"],"token_endpoint_auth_method":"client_secret_basic","iat":1799999990,"exp":1800086400}"#),
        .accessToken: (#"{"alg":"RS256","typ":"at+jwt"}"#, #"{"iss":"https://auth.example.com","exp":1800003600,"aud":"https://api.example.com","sub":"c1","client_id":"c1","iat":1799999990,"jti":"j1","scope":"a b"}"#),
    ]

    /// One rule's triggering case: the token text and how to lint it.
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let profile: LintProfile
        var header: String?
        var payload: String?
        var raw: String?
        var keys: [Key]? = nil
        var signWith: (Key, Algorithm)? = nil
        var testDescription: String { rule }
    }

    static func payload(_ profile: LintProfile, replacing old: String, with new: String) -> String {
        let text = baseline[profile]!.payload
        precondition(text.contains(old), "\(old) not in the \(profile) baseline")
        return text.replacingOccurrences(of: old, with: new)
    }

    static func header(_ profile: LintProfile, replacing old: String, with new: String) -> String {
        baseline[profile]!.header.replacingOccurrences(of: old, with: new)
    }

    static func signed(_ header: String, _ payload: String, with key: Key = rsa, algorithm: Algorithm = .rs256) throws -> String {
        try makeToken(header: header, payload: payload, key: key, algorithm: algorithm)
    }

    /// The triggering cases, or the error that kept them from being built (reported by `fixturesLoad`).
    static let casesResult = Result { try makeCases() }
    static var cases: [Case] { (try? casesResult.get()) ?? [] }

    @Test("the fixtures load and every case can be built")
    func fixturesLoad() throws {
        _ = try Self.rsaResult.get()
        #expect(try Self.casesResult.get().count == LintRule.all.count)
    }

    static func makeCases() throws -> [Case] {
        let j = LintProfile.jwt, s = LintProfile.softwareStatement, a = LintProfile.accessToken
        let clean = try signed(baseline[j]!.header, baseline[j]!.payload)
        let segments = clean.split(separator: ".").map(String.init)
        guard segments.count == 3 else { throw JOSEError(.malformed, at: "test", "the clean token has \(segments.count) segments") }
        return [
            Case(rule: "token-segments", profile: j, raw: segments[0] + "." + segments[1]),
            Case(rule: "token-whitespace", profile: j, raw: String(clean.prefix(30)) + "\n  " + String(clean.dropFirst(30))),
            Case(rule: "json-serialization", profile: j, raw: #"{"payload":"\#(segments[1])","protected":"\#(segments[0])","signature":"\#(segments[2])"}"#),
            Case(rule: "base64url-strict", profile: j, raw: segments[0] + "==." + segments[1] + "." + segments[2]),
            Case(rule: "header-not-json-object", profile: j, header: "[1]"),
            Case(rule: "payload-not-json-object", profile: j, payload: #""just a string""#),
            Case(rule: "json-duplicate-member", profile: j, payload: payload(j, replacing: #""sub":"user-1""#, with: #""sub":"user-1","sub":"admin""#)),
            Case(rule: "json-invalid-utf8", profile: j, raw: segments[0] + "." + Base64URL.encode([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) + "." + segments[2]),
            Case(rule: "token-size", profile: j, payload: payload(j, replacing: #""aud":"api""#, with: #""aud":"api","pad":"\#(String(repeating: "x", count: 9000))""#)),
            Case(rule: "alg-none", profile: j, raw: try makeToken(header: #"{"alg":"NONE","typ":"JWT"}"#, payload: baseline[j]!.payload)),
            Case(rule: "alg-missing", profile: j, header: #"{"typ":"JWT"}"#),
            Case(rule: "alg-unknown", profile: j, header: #"{"alg":"rs256","typ":"JWT"}"#),
            Case(rule: "alg-symmetric", profile: j, header: #"{"alg":"HS256","typ":"JWT"}"#, signWith: (secret, .hs256)),
            Case(rule: "header-untrusted-key", profile: j, header: #"{"alg":"RS256","typ":"JWT","jku":"https://attacker.example/jwks"}"#),
            Case(rule: "kid-unsafe", profile: j, header: #"{"alg":"RS256","typ":"JWT","kid":"../../dev/null"}"#),
            Case(rule: "crit-invalid", profile: j, header: #"{"alg":"RS256","typ":"JWT","crit":["exp"],"exp":1}"#),
            Case(rule: "b64-in-jwt", profile: j, header: #"{"alg":"RS256","typ":"JWT","b64":true,"crit":["b64"]}"#),
            Case(rule: "time-claim-type", profile: j, payload: payload(j, replacing: #""exp":1800003600"#, with: #""exp":"tomorrow""#)),
            Case(rule: "time-claim-milliseconds", profile: j, payload: payload(j, replacing: #""exp":1800003600"#, with: #""exp":1800003600000"#)),
            Case(rule: "nbf-after-exp", profile: j, payload: payload(j, replacing: #""exp":1800003600"#, with: #""exp":1800003600,"nbf":1800007200"#)),
            Case(rule: "iat-in-future", profile: j, payload: payload(j, replacing: #""iat":1799999990"#, with: #""iat":1800000600"#)),
            Case(rule: "lifetime-too-long", profile: j, payload: payload(j, replacing: #""exp":1800003600"#, with: #""exp":1900000000"#)),
            Case(rule: "token-expired", profile: j, payload: payload(j, replacing: #""exp":1800003600"#, with: #""exp":1799990000"#)),
            Case(rule: "typ-missing", profile: j, header: #"{"alg":"RS256"}"#),
            Case(rule: "cty-nested-jwt", profile: j, header: #"{"alg":"RS256","typ":"JWT","cty":"JWT"}"#),
            Case(rule: "key-weak", profile: j, keys: [try Fixtures.key("rsa1024-weak.pem")]),
            Case(rule: "signature-invalid", profile: j, keys: [try Fixtures.key("ec256-spki.pem"), try Key.generate(.rsa(bits: 2048)).publicKey]),
            Case(rule: "signature-unchecked", profile: j, keys: []),
            Case(rule: "statement-issuer-missing", profile: s, payload: payload(s, replacing: #""iss":"https://auth.example.com","#, with: "")),
            Case(rule: "statement-software-id-missing", profile: s, payload: payload(s, replacing: #""sub":"\#(uuid)","software_id":"\#(uuid)","#, with: "")),
            Case(rule: "statement-software-id-source", profile: s, payload: payload(s, replacing: #""software_id":"\#(uuid)","#, with: "")),
            Case(rule: "statement-software-id-format", profile: s, payload: payload(s, replacing: #""software_id":"\#(uuid)""#, with: #""software_id":"My App""#)),
            Case(rule: "statement-software-version-type", profile: s, payload: payload(s, replacing: #""software_version":"1.0""#, with: #""software_version":1.0"#)),
            Case(rule: "statement-forbidden-member", profile: s, payload: payload(s, replacing: #""software_version":"1.0""#, with: #""software_version":"1.0","client_secret":"s3cr3t""#)),
            Case(rule: "redirect-uri-form", profile: s, payload: payload(s, replacing: #""https://app.example.com/cb""#, with: #""https://app.example.com/cb#x""#)),
            Case(rule: "redirect-uri-insecure", profile: s, payload: payload(s, replacing: #""https://app.example.com/cb""#, with: #""http://app.example.com/cb""#)),
            Case(rule: "redirect-uri-dangerous-scheme", profile: s, payload: payload(s, replacing: #""https://app.example.com/cb""#, with: #""javascript:alert(1)""#)),
            Case(rule: "grant-response-types", profile: s, payload: payload(s, replacing: #""grant_types":["authorization_code"]"#, with: #""grant_types":["client_credentials"]"#)),
            Case(rule: "token-endpoint-auth-method", profile: s, payload: payload(s, replacing: #""client_secret_basic""#, with: #""client_secret_magic""#)),
            Case(rule: "jwks-and-jwks-uri", profile: s, payload: payload(s, replacing: #""software_version":"1.0""#, with: #""software_version":"1.0","jwks":{"keys":[]},"jwks_uri":"https://app.example.com/jwks""#)),
            Case(rule: "statement-alg-symmetric", profile: s, header: #"{"alg":"HS256","typ":"JWT"}"#, signWith: (secret, .hs256)),
            Case(rule: "statement-exp-absent", profile: s, payload: payload(s, replacing: #","exp":1800086400"#, with: "")),
            Case(rule: "access-token-typ", profile: a, header: #"{"alg":"RS256","typ":"JWT"}"#),
            Case(rule: "access-token-claims", profile: a, payload: payload(a, replacing: #","jti":"j1""#, with: "")),
            Case(rule: "access-token-scope", profile: a, payload: payload(a, replacing: #""scope":"a b""#, with: #""scope":["a","b"]"#)),
            Case(rule: "access-token-service-scopes", profile: a, payload: payload(a, replacing: #""scope":"a b""#, with: #""scope":"a b","scopes":"a,b""#)),
            Case(rule: "access-token-alg-asymmetric", profile: a, header: #"{"alg":"HS256","typ":"at+jwt"}"#, signWith: (secret, .hs256)),
        ]
    }

    static func lint(_ testCase: Case) throws -> LintReport {
        let base = baseline[testCase.profile]!
        let (key, algorithm) = testCase.signWith ?? (rsa, .rs256)
        let text = try testCase.raw ?? signed(testCase.header ?? base.header, testCase.payload ?? base.payload, with: key, algorithm: algorithm)
        let keys = try testCase.keys ?? [rsa.publicKey]
        let options = LintOptions(profile: testCase.profile, keys: KeySet(keys), now: now)
        return try Linter(options: options).lint(text)
    }

    @Test("a token the caller already parsed and verified lints exactly as its text does", arguments: cases)
    func parsedTokenLintsTheSame(_ testCase: Case) throws {
        let base = try #require(Self.baseline[testCase.profile])
        let (key, algorithm) = testCase.signWith ?? (Self.rsa, .rs256)
        let text = try testCase.raw ?? Self.signed(testCase.header ?? base.header, testCase.payload ?? base.payload, with: key, algorithm: algorithm)
        guard let jws = try? JWS.parse(text), jws.serialization == .compact, let claims = try? jws.claimSet() else { return }
        let keys = KeySet(try testCase.keys ?? [Self.rsa.publicKey])
        let allowed = Set(Algorithm.allCases.filter { $0 != .none })
        let result = TokenVerifier(keys: keys, options: .init(allowedAlgorithms: allowed)).verify(jws, claims: claims, at: Self.now)
        guard let verified = result.verified else { return }
        let linter = try Linter(options: LintOptions(profile: testCase.profile, keys: keys))
        let fromText = try Self.lint(testCase).findings.map { "\($0.rule.id) \($0.location) \($0.message)" }
        let fromParts = linter.lint(jws, text: text, claims: claims, signature: .verified(algorithm: verified.algorithm, key: verified.key.description),
                                    at: Self.now).findings.map { "\($0.rule.id) \($0.location) \($0.message)" }
        #expect(fromParts == fromText)
    }

    @Test("every registered rule has a triggering case here")
    func everyRuleCovered() {
        let covered = Set(Self.cases.map(\.rule))
        let registered = LintRule.all.map(\.id)
        #expect(Set(registered).subtracting(covered).isEmpty, "no triggering case for \(Set(registered).subtracting(covered).sorted())")
        #expect(Set(registered).count == registered.count, "rule ids must be unique")
        #expect(covered.isSubset(of: Set(registered)))
    }

    @Test("each rule fires on its triggering token", arguments: cases)
    func triggers(_ testCase: Case) throws {
        let report = try Self.lint(testCase)
        let finding = report.findings.first { $0.rule.id == testCase.rule }
        #expect(finding != nil, "\(testCase.rule) did not fire; findings: \(report.findings.map { "\($0.rule.id): \($0.message)" })")
        #expect(finding?.message.isEmpty == false)
        #expect(finding?.location.isEmpty == false)
    }

    @Test("clean tokens of every profile have no findings at all", arguments: LintProfile.allCases)
    func clean(profile: LintProfile) throws {
        let base = Self.baseline[profile]!
        let options = LintOptions(profile: profile, keys: KeySet([try Self.rsa.publicKey]), now: Self.now)
        let report = try Linter(options: options).lint(try Self.signed(base.header, base.payload))
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule.id) \($0.location): \($0.message)" })")
        guard case .verified = report.token.signatureCheck else { Issue.record("signature not verified"); return }
    }

    @Test("grant_types and response_types: a client_credentials client needs no response type; redirect-based grants still do",
          arguments: [
              (#""grant_types":["client_credentials"]"#, false), (#""grant_types":["client_credentials","authorization_code"]"#, false),
              (#""grant_types":["implicit"]"#, true), (#""grant_types":["client_credentials"],"response_types":["code"]"#, true),
          ])
    func grantTypesWithoutResponseTypes(grants: String, fires: Bool) throws {
        let s = LintProfile.softwareStatement
        let payload = Self.payload(s, replacing: #""grant_types":["authorization_code"],"response_types":["code"]"#, with: grants)
        let report = try Self.lint(Case(rule: "grant-response-types", profile: s, payload: payload))
        #expect(report.findings.contains { $0.rule.id == "grant-response-types" } == fires, "\(report.findings.map(\.message))")
    }

    @Test("rule metadata is complete", arguments: LintRule.all.map(\.id))
    func metadata(id: String) throws {
        let rule = try #require(LintRule.named(id))
        #expect(rule.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.profiles.isEmpty)
        #expect(rule.citation.contains("RFC") || rule.citation.contains("DESIGN"))
    }

    @Test("auto profile detection", arguments: [
        (#"{"alg":"RS256","typ":"at+jwt"}"#, "{}", LintProfile.accessToken),
        (#"{"alg":"RS256"}"#, #"{"client_id":"c","scope":"a"}"#, .accessToken),
        (#"{"alg":"RS256"}"#, #"{"software_id":"x"}"#, .softwareStatement),
        (#"{"alg":"RS256"}"#, #"{"sub":"5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b","iss":"auth.example.com","iat":1,"nbf":1}"#, .softwareStatement),
        (#"{"alg":"RS256"}"#, #"{"sub":"user","iss":"x"}"#, .jwt),
    ])
    func detection(header: String, payload: String, expected: LintProfile) throws {
        let report = try Linter(options: LintOptions(now: Self.now)).lint(try makeToken(header: header, payload: payload) + "AAAA")
        #expect(report.profile == expected, "\(report.profileReason)")
    }

    @Test("broken tokens are linted as far as they can be read, never a crash", arguments: [
        "", ".", "a", "a.b", "a.b.c.d.e", "{", "{}", "e30", "e30.e30", "!!!.???.###", "eyJhbGciOiJub25lIn0.bm90IGpzb24.",
        String(repeating: "eyJ", count: 10_000),
    ])
    func broken(text: String) throws {
        let report = try Linter(options: LintOptions(now: Self.now)).lint(text)
        #expect(report.fails(at: .error))
    }

    @Test("a padded header is still read: its alg none is reported beside the padding")
    func readsOnPastProblems() throws {
        let header = Base64.encode(Array(#"{"alg":"none"}"#.utf8))
        let report = try Linter(options: LintOptions(now: Self.now)).lint(header + ".e30.")
        #expect(Set(report.findings.map(\.rule.id)).isSuperset(of: ["base64url-strict", "alg-none"]))
    }

    @Test("--disable removes a rule; an unknown rule id is a usage error")
    func disable() throws {
        let token = try makeToken(header: #"{"alg":"none"}"#, payload: "{}")
        let report = try Linter(options: LintOptions(disabledRules: ["alg-none"], now: Self.now)).lint(token)
        #expect(!report.findings.contains { $0.rule.id == "alg-none" })
        #expect(throws: JOSEError.self) { try Linter(options: LintOptions(disabledRules: ["no-such-rule"])) }
    }

    @Test("an HS256 statement is fine when the registrar shares the secret")
    func sharedSecret() throws {
        let base = Self.baseline[.softwareStatement]!
        let token = try Self.signed(#"{"alg":"HS256","typ":"JWT"}"#, base.payload, with: Self.secret, algorithm: .hs256)
        let options = LintOptions(profile: .softwareStatement, keys: KeySet([Self.secret]), sharedSecret: true, now: Self.now)
        #expect(try Linter(options: options).lint(token).findings.isEmpty)
    }
}

@Suite("loopback hosts")
struct LoopbackHostTests {
    @Test("this machine: localhost, 127.0.0.0/8 as four numbers, ::1; a name beginning with 127. is not")
    func hosts() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]"] { #expect(LoopbackHost.contains(host), "\(host)") }
        for host in ["127.example.com", "127.0.0.1.example.com", "127.0.0", "127.0.0.256", "128.0.0.1", "0.0.0.0", "", "127.0.0.-1", "127.٣.0.1"] {
            #expect(!LoopbackHost.contains(host), "\(host)")
        }
    }

    @Test("http to a host that only looks like loopback is reported as insecure")
    func insecureLookalike() throws {
        let payload = #"{"iss":"https://issuer.example","software_id":"app","redirect_uris":["http://127.example.com/cb","http://127.0.0.1:8080/cb"]}"#
        let token = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + "."
        let report = try Linter(options: LintOptions(profile: .softwareStatement)).lint(token)
        let insecure = report.findings.filter { $0.rule.id == "redirect-uri-insecure" }.map(\.location)
        #expect(insecure == ["payload.redirect_uris[0]"], "\(report.findings.map { "\($0.rule.id) \($0.location)" })")
    }
}
