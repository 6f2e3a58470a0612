import JOSE
import Testing

/// Known attacks on JWS verifiers: each must be rejected, and for the right reason.
@Suite("Attacks are rejected with the right reason")
struct AttackTests {
    let rsa: Key
    let rsaPublic: Key
    let ec: Key
    let verifier: TokenVerifier

    init() throws {
        rsa = try Fixtures.key("rsa2048-pkcs8.pem")
        rsaPublic = try Fixtures.key("rsa2048-spki.pem")
        ec = try Fixtures.key("ec256-pkcs8.pem")
        verifier = TokenVerifier(keys: KeySet([rsaPublic, try ec.publicKey]), requireCompact: true)
    }

    func failures(_ token: String) -> [JOSEError] {
        let result = verifier.verify(token)
        #expect(!result.isValid)
        return result.failures
    }

    @Test("alg none, in any case, never verifies", arguments: ["none", "None", "NONE", "nOnE"])
    func algNone(name: String) throws {
        let token = try makeToken(header: #"{"alg":"\#(name)"}"#, payload: #"{"sub":"admin"}"#)
        let failure = try #require(failures(token).first)
        #expect(failure.location == "header.alg")
        #expect(failure.code == .unsupportedAlgorithm)
        #expect(failure.reason.contains("never verifies"))
    }

    @Test("HS256 signed with the RSA public key's PEM bytes is refused: HMAC never uses a public key")
    func keyConfusion() throws {
        let pem = Array(try rsaPublic.pem().utf8)
        let token = try makeToken(header: #"{"alg":"HS256"}"#, payload: #"{"sub":"admin"}"#, key: Key(secret: pem), algorithm: .hs256)
        let failure = try #require(failures(token).first)
        #expect(failure.code == .algorithmNotAllowed)
        #expect(failure.reason.contains("HS256 cannot be used with an RSA key"))
    }

    @Test("a key embedded in the jwk header is never used")
    func embeddedJWK() throws {
        let attacker = try Key.generate(.rsa(bits: 2048))
        let jwk = try attacker.publicKey.jwk().compact
        let token = try makeToken(header: #"{"alg":"RS256","jwk":\#(jwk)}"#, payload: #"{"sub":"admin"}"#, key: attacker, algorithm: .rs256)
        let failure = try #require(failures(token).first)
        #expect(failure.code == .badSignature)
        #expect(failure.reason.contains("jwk was ignored"))
    }

    @Test("jku and x5u are never fetched or trusted", arguments: ["jku", "x5u"])
    func remoteKeys(member: String) throws {
        let attacker = try Key.generate(.rsa(bits: 2048))
        let token = try makeToken(header: #"{"alg":"RS256","\#(member)":"https://attacker.example/keys"}"#, payload: #"{"sub":"admin"}"#,
                                  key: attacker, algorithm: .rs256)
        let failure = try #require(failures(token).first)
        #expect(failure.code == .badSignature)
        #expect(failure.reason.contains("\(member) was ignored"))
    }

    @Test("crit problems are rejected (RFC 7515 §4.1.11)", arguments: [
        (#"{"alg":"ES256","crit":["exp"],"exp":1}"#, "does not understand"),
        (#"{"alg":"ES256","crit":[]}"#, "empty"),
        (#"{"alg":"ES256","crit":["alg"]}"#, "specification defines"),
        (#"{"alg":"ES256","crit":"b64","b64":false}"#, "array"),
        (#"{"alg":"ES256","crit":["b64"]}"#, "no such member"),
        (#"{"alg":"ES256","b64":false}"#, "not listed in crit"),
    ])
    func crit(header: String, reason: String) throws {
        let token = try makeToken(header: header, payload: #"{"sub":"x"}"#, key: ec, algorithm: .es256)
        let failure = try #require(failures(token).first)
        #expect(failure.code == .criticalHeader)
        #expect(failure.reason.contains(reason), "\(failure)")
    }

    @Test("crit in an unprotected header is rejected")
    func critUnprotected() throws {
        let document = #"{"payload":"eyJzdWIiOiJ4In0","protected":"eyJhbGciOiJFUzI1NiJ9","header":{"crit":["x"]},"signature":"AAAA"}"#
        #expect { try JWS.parse(document) } throws: { error in (error as? JOSEError)?.location == "unprotected.crit" }
    }

    @Test("an all-zero ECDSA signature is rejected before OpenSSL sees it")
    func zeroSignature() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: #"{"sub":"x"}"#) + Base64URL.encode([UInt8](repeating: 0, count: 64))
        let failure = try #require(failures(token).first)
        #expect(failure.code == .badSignature)
        #expect(failure.reason.contains("outside [1, n−1]"))
    }

    @Test("a DER-encoded ECDSA signature is rejected with that reason")
    func derSignature() throws {
        let input = Base64URL.encode(Array(#"{"alg":"ES256"}"#.utf8)) + "." + Base64URL.encode(Array(#"{"sub":"x"}"#.utf8))
        let raw = try Algorithm.es256.sign(Array(input.utf8), with: ec)
        // Re-encode r‖s as DER, as a careless signer would.
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if value.first.map({ $0 & 0x80 != 0 }) ?? true { value.insert(0, at: 0) }
            return [0x02, UInt8(value.count)] + value
        }
        let body = integer(raw[0..<32]) + integer(raw[32...])
        let token = input + "." + Base64URL.encode([0x30, UInt8(body.count)] + body)
        let failure = try #require(failures(token).first)
        #expect(failure.reason.contains("DER-encoded"))
    }

    @Test("a duplicate alg member is rejected")
    func duplicateAlg() throws {
        let token = try makeToken(header: #"{"alg":"ES256","alg":"none"}"#, payload: #"{"sub":"x"}"#, key: ec, algorithm: .es256)
        let failure = try #require(failures(token).first)
        #expect(failure.code == .malformed && failure.location == "segment 1 (header)")
        #expect(failure.reason.contains("duplicate member name"))
    }

    @Test("a duplicate claim is rejected")
    func duplicateClaim() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: #"{"sub":"user","sub":"admin"}"#, key: ec, algorithm: .es256)
        #expect(!verifier.verify(token).isValid)
    }

    @Test("padded or non-canonical base64url is rejected")
    func badBase64() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: #"{"sub":"x"}"#, key: ec, algorithm: .es256)
        let parts = token.split(separator: ".").map(String.init)
        let padded = "\(parts[0])==.\(parts[1]).\(parts[2])"
        #expect(failures(padded).first?.reason.contains("padding") == true)
        // eyJzdWIiOiJ4In0 decodes {"sub":"x"}; ending in 1 instead of 0 changes only unused bits.
        let sloppy = "\(parts[0]).\(parts[1].dropLast())1.\(parts[2])"
        #expect(failures(sloppy).first?.reason.contains("non-canonical") == true)
    }

    @Test("exp as a string is an error, not an absent claim")
    func stringExp() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: #"{"sub":"x","exp":"tomorrow"}"#, key: ec, algorithm: .es256)
        let failure = try #require(failures(token).first)
        #expect(failure.description == #"payload.exp: must be a number (a NumericDate), found string "tomorrow""#)
    }

    @Test("two- and four-segment tokens are malformed", arguments: ["eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0", "a.b.c.d", "a.b.c.d.e"])
    func segments(token: String) throws {
        let failure = try #require(failures(token).first)
        #expect(failure.code == .malformed && failure.reason.contains("3 segments"))
    }

    @Test("a JSON serialization is rejected where a compact JWT is required")
    func jsonWhereCompactRequired() throws {
        let jws = try JWSSigner().sign(Array(#"{"sub":"x"}"#.utf8), with: [.init(key: ec, algorithm: .es256)])
        let failures = failures(try jws.serialized(as: .flattened))
        #expect(failures.contains { $0.reason.contains("where a compact JWT is required") })
    }

    @Test("an algorithm outside the caller's allow-list is refused even with the right key")
    func allowList() throws {
        let token = try makeToken(header: #"{"alg":"PS256"}"#, payload: #"{"sub":"x"}"#, key: rsa, algorithm: .ps256)
        let strict = TokenVerifier(keys: KeySet([rsaPublic]), options: .init(allowedAlgorithms: [.rs256]))
        #expect(strict.verify(token).failures.first?.reason == "PS256 is not allowed (allowed: RS256)")
    }

    @Test("two keys with the same kid make a token naming it ambiguous")
    func ambiguousKid() throws {
        var first = try Key.generate(.ec(.p256)).publicKey
        var second = try Key.generate(.ec(.p256)).publicKey
        first.id = "same"
        second.id = "same"
        let token = try makeToken(header: #"{"alg":"ES256","kid":"same"}"#, payload: "{}", key: ec, algorithm: .es256)
        let result = TokenVerifier(keys: KeySet([first, second])).verify(token)
        #expect(result.failures.first?.code == .ambiguousKey)
    }

    @Test("a key marked for encryption or for another algorithm is not used")
    func keyPurpose() throws {
        let token = try makeToken(header: #"{"alg":"ES256"}"#, payload: "{}", key: ec, algorithm: .es256)
        var encryption = try ec.publicKey
        encryption.use = "enc"
        #expect(TokenVerifier(keys: KeySet([encryption])).verify(token).failures.first?.code == .keyRejected)
        var otherAlgorithm = try ec.publicKey
        otherAlgorithm.algorithmName = "ES384"
        #expect(TokenVerifier(keys: KeySet([otherAlgorithm])).verify(token).failures.first?.code == .algorithmNotAllowed)
        var verifyOnly = try ec.publicKey
        verifyOnly.operations = ["verify"]
        #expect(TokenVerifier(keys: KeySet([verifyOnly])).verify(token).isValid)
    }

    @Test("hostile inputs never crash", arguments: [
        "", ".", "..", "...", "a.b.c", "e30.e30.", "e30..", "eyJhbGciOiJSUzI1NiJ9.e30.", "{", "{}", #"{"signatures":[]}"#, "[]",
        #"{"payload":"e30","signatures":[{"protected":"e30","signature":""}]}"#, String(repeating: "a.", count: 5000),
        "eyJhbGciOjF9.e30.AAAA", "eyJhbGciOlsiUlMyNTYiXX0.e30.AAAA", "bnVsbA.e30.AAAA",
    ])
    func hostile(token: String) {
        #expect(!verifier.verify(token).isValid)
    }
}

@Suite("Key selection by kid")
struct KeySelectionTests {
    @Test("a kid that is the key's RFC 7638 thumbprint selects it; a kid-less key matches any kid; others do not")
    func thumbprintKid() throws {
        let signer = try Key.generate(.ec(.p256))
        var named = try signer.publicKey
        named.id = "chosen-name"
        let token = try makeToken(header: #"{"alg":"ES256","kid":"\#(try signer.thumbprint())"}"#, payload: "{}", key: signer, algorithm: .es256)
        #expect(TokenVerifier(keys: KeySet([named])).verify(token).isValid)
        #expect(TokenVerifier(keys: KeySet([try signer.publicKey])).verify(token).isValid)
        var other = try Key.generate(.ec(.p256)).publicKey
        other.id = "other"
        let result = TokenVerifier(keys: KeySet([other])).verify(token)
        #expect(result.failures.first?.code == .noMatchingKey)
    }
}
