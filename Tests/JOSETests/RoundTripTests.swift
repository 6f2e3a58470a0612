import JOSE
import Testing

@Suite("Signing and verifying every algorithm and serialization")
struct RoundTripTests {
    static let algorithms: [(Algorithm, KeySpec)] = [
        (.hs256, .oct(bytes: 32)), (.hs384, .oct(bytes: 48)), (.hs512, .oct(bytes: 64)),
        (.rs256, .rsa(bits: 2048)), (.rs384, .rsa(bits: 2048)), (.rs512, .rsa(bits: 2048)),
        (.ps256, .rsa(bits: 2048)), (.ps384, .rsa(bits: 2048)), (.ps512, .rsa(bits: 2048)),
        (.es256, .ec(.p256)), (.es384, .ec(.p384)), (.es512, .ec(.p521)), (.es256k, .ec(.secp256k1)),
        (.edDSA, .okp(.ed25519)), (.edDSA, .okp(.ed448)), (.ed25519, .okp(.ed25519)), (.ed448, .okp(.ed448)),
    ]

    @Test("JWT round trip", arguments: algorithms)
    func jwt(algorithm: Algorithm, spec: KeySpec) throws {
        var key = try Key.generate(spec)
        key.id = "k1"
        let now = NumericDate.now.secondsSinceEpoch
        let claims: JSONValue = ["iss": "me", "aud": "you", "exp": .integer(Int64(now) + 60), "iat": .integer(Int64(now))]
        let token = try JWSSigner().signJWT(claims, key: key, algorithm: algorithm, header: [("kid", "k1"), ("typ", "JWT")])
        let verifier = TokenVerifier(keys: KeySet([try key.publicKey]), options: .init(allowedAlgorithms: [algorithm]),
                                     claims: ClaimValidation(issuer: "me", audience: "you", type: "JWT"), requireCompact: true)
        let result = verifier.verify(token)
        #expect(result.isValid, "\(result.failures)")
        #expect(result.verified?.algorithm == algorithm)
        // One flipped bit in the signature and the token is invalid.
        var bytes = Array(token.utf8)
        let last = bytes.count - 3
        bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(!verifier.verify(String(decoding: bytes, as: UTF8.self)).isValid)
    }

    @Test("general JSON serialization with two signers, flattened, detached and unencoded")
    func serializations() throws {
        let rsa = try Key.generate(.rsa(bits: 2048))
        var ec = try Key.generate(.ec(.p256))
        ec.id = "ec"
        let payload = Array("hello $.02 world".utf8)
        let signer = JWSSigner()
        let two = try signer.sign(payload, with: [
            .init(key: rsa, algorithm: .ps256, protectedHeader: [("kid", "rsa")]),
            .init(key: ec, algorithm: .es256, unprotectedHeader: [("kid", "ec")]),
        ])
        let general = try two.serialized(as: .general)
        let parsed = try JWS.parse(general)
        #expect(parsed.serialization == .general && parsed.signatures.count == 2 && parsed.payload == payload)
        #expect(try JWSVerifier(keys: KeySet([ec.publicKey])).verify(parsed).signatureIndex == 1)
        #expect(try JWSVerifier(keys: KeySet([rsa.publicKey])).verify(parsed).signatureIndex == 0)
        #expect(throws: JOSEError.self) { try two.serialized(as: .compact) }

        let one = try signer.sign(payload, with: [.init(key: ec, algorithm: .es256)])
        let flattened = try JWS.parse(one.serialized(as: .flattened))
        #expect(flattened.serialization == .flattened)
        _ = try JWSVerifier(keys: KeySet([ec.publicKey])).verify(flattened)

        let detached = try signer.sign(payload, with: [.init(key: ec, algorithm: .es256)], detached: true)
        let compact = try detached.serialized(as: .compact)
        #expect(compact.contains(".."))
        _ = try JWSVerifier(keys: KeySet([ec.publicKey])).verify(JWS.parse(compact, detachedPayload: payload))
        #expect(throws: JOSEError.self) { try JWSVerifier(keys: KeySet([ec.publicKey])).verify(JWS.parse(compact, detachedPayload: payload + [1])) }

        let unencoded = try signer.sign(payload, with: [.init(key: ec, algorithm: .es256)], encodePayload: false, detached: true)
        let header = unencoded.header
        #expect(header["b64"]?.boolValue == false)
        #expect(try header.criticalNames() == ["b64"])
        let unencodedCompact = try unencoded.serialized(as: .compact)
        _ = try JWSVerifier(keys: KeySet([ec.publicKey])).verify(JWS.parse(unencodedCompact, detachedPayload: payload))
        let attached = try signer.sign(payload, with: [.init(key: ec, algorithm: .es256)], encodePayload: false)
        #expect(throws: JOSEError.self) { try attached.serialized(as: .compact) }
        _ = try JWSVerifier(keys: KeySet([ec.publicKey])).verify(JWS.parse(attached.serialized(as: .flattened)))
    }

    @Test("a non-JSON payload verifies as a JWS and says its claims were not checked")
    func notAJWT() throws {
        let key = try Key.generate(.okp(.ed25519))
        let token = try JWSSigner().sign(Array("Payload".utf8), with: [.init(key: key, algorithm: .edDSA)]).serialized(as: .compact)
        let result = TokenVerifier(keys: KeySet([try key.publicKey])).verify(token)
        #expect(result.isValid && !result.claimsChecked)
        let strict = TokenVerifier(keys: KeySet([try key.publicKey]), claims: ClaimValidation(issuer: "x")).verify(token)
        #expect(!strict.isValid)
    }

    @Test("x5c is trusted only through a chain to a configured anchor")
    func x5c() throws {
        let leafKey = try Fixtures.key("leaf-key.pem")
        let leafCertificate = try Fixtures.key("leaf-cert.pem").certificates[0]
        let header: [(String, JSONValue)] = [("x5c", [.string(Base64.encode(leafCertificate.der))])]
        let token = try JWSSigner().signJWT(["sub": "x"], key: leafKey, algorithm: .es256, header: header)
        let anchors = TrustAnchors(try Fixtures.key("ca-cert.pem").certificates)
        #expect(TokenVerifier(keys: KeySet(), options: .init(trustAnchors: anchors)).verify(token).isValid)
        let unrelated = TrustAnchors(try Fixtures.key("other-ca-cert.pem").certificates)
        let refused = TokenVerifier(keys: KeySet(), options: .init(trustAnchors: unrelated)).verify(token)
        #expect(refused.failures.first?.code == .untrustedCertificate)
        // Without anchors x5c is ignored: no key, no trust.
        let ignored = TokenVerifier(keys: KeySet()).verify(token)
        #expect(!ignored.isValid)
    }
}
