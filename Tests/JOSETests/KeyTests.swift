import JOSE
import Testing

@Suite("Keys: import, export, generation, thumbprints")
struct KeyTests {
    @Test("every PEM and DER structure imports", arguments: [
        ("rsa2048-pkcs1.pem", "RSA 2048", true), ("rsa2048-pkcs1-public.pem", "RSA 2048", false),
        ("rsa2048-pkcs8.pem", "RSA 2048", true), ("rsa2048-spki.pem", "RSA 2048", false),
        ("rsa2048-pkcs8.der", "RSA 2048", true), ("rsa2048-spki.der", "RSA 2048", false),
        ("ec256-sec1.pem", "EC P-256", true), ("ec256-pkcs8.pem", "EC P-256", true), ("ec256-spki.pem", "EC P-256", false),
        ("secp256k1-sec1.pem", "EC secp256k1", true), ("ed25519-pkcs8.pem", "OKP Ed25519", true),
        ("ed25519-spki.pem", "OKP Ed25519", false), ("ed448-pkcs8.pem", "OKP Ed448", true),
        ("leaf-cert.pem", "EC P-256", false), ("leaf-cert.der", "EC P-256", false),
    ])
    func imports(file: String, type: String, isPrivate: Bool) throws {
        let key = try Fixtures.key(file)
        #expect("\(key.type)" == type)
        #expect(key.isPrivate == isPrivate)
    }

    @Test("a certificate carries its chain; the key is the certified one")
    func certificate() throws {
        let key = try Fixtures.key("leaf-cert.pem")
        #expect(key.certificates.count == 1)
        #expect(key.certificates[0].subject.contains("jwstool test signer"))
        let privateKey = try Fixtures.key("leaf-key.pem")
        #expect(try privateKey.thumbprint() == key.thumbprint())
    }

    @Test("PKCS#1, PKCS#8 and DER forms of one key are the same key")
    func sameKey() throws {
        let thumbprints = try ["rsa2048-pkcs1.pem", "rsa2048-pkcs1-public.pem", "rsa2048-pkcs8.pem", "rsa2048-spki.pem", "rsa2048-pkcs8.der", "rsa2048-spki.der"]
            .map { try Fixtures.key($0).thumbprint() }
        #expect(Set(thumbprints).count == 1)
    }

    @Test("generate, export to JWK and PEM, import again, sign and verify", arguments: [
        KeySpec.rsa(bits: 2048), .ec(.p256), .ec(.p384), .ec(.p521), .ec(.secp256k1), .okp(.ed25519), .okp(.ed448), .oct(bytes: 64),
    ])
    func generation(spec: KeySpec) throws {
        let key = try Key.generate(spec)
        #expect(key.isPrivate)
        let fromJWK = try Key(jwk: key.jwk(includePrivate: true))
        #expect(fromJWK.isPrivate)
        #expect(try fromJWK.thumbprint() == key.thumbprint())
        let publicJWK = try key.publicKey.jwk()
        if case .oct = key.type {
            #expect(publicJWK["k"] != nil)
        } else {
            #expect(publicJWK["d"] == nil)
            let fromPEM = try KeyFile.keys(from: Array(key.pem(includePrivate: true).utf8))
            #expect(try fromPEM.first?.thumbprint() == key.thumbprint())
            let publicPEM = try KeyFile.keys(from: Array(key.pem().utf8))
            #expect(publicPEM.first?.isPrivate == false)
        }
        let algorithm = try #require(Algorithm.defaultAlgorithm(for: key.type))
        let message = Array("signing input".utf8)
        let signature = try algorithm.sign(message, with: fromJWK)
        #expect(try algorithm.verify(signature, over: message, with: key.publicKey))
    }

    @Test("RSA private JWK keeps all CRT members")
    func rsaCRT() throws {
        let jwk = try Fixtures.key("rsa2048-pkcs1.pem").jwk(includePrivate: true)
        #expect(jwk.memberNames == ["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"])
    }

    @Test("RSA keys under 2048 bits are refused unless the caller opts out")
    func weakRSA() throws {
        let key = try Fixtures.key("rsa1024-weak.pem")
        #expect { try Algorithm.rs256.sign([1, 2, 3], with: key) } throws: { error in
            (error as? JOSEError)?.code == .keyRejected && "\(error)".contains("1024 bits")
        }
        let signature = try Algorithm.rs256.sign([1, 2, 3], with: key, policy: .allowingWeakRSA)
        #expect(try Algorithm.rs256.verify(signature, over: [1, 2, 3], with: key.publicKey, policy: .allowingWeakRSA))
    }

    @Test("HMAC secrets shorter than the hash are refused")
    func shortSecret() {
        #expect { try Algorithm.hs256.sign([1], with: Key(secret: Array(repeating: 7, count: 31))) } throws: { error in
            "\(error)".contains("31 bytes")
        }
    }

    @Test("malformed JWKs are rejected with the member named", arguments: [
        (#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#, "jwk.x"),
        (#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}"#, "jwk"),
        (#"{"kty":"RSA","n":"AQAB"}"#, "jwk"),
        (#"{"kty":"RSA","n":"AQAB=","e":"AQAB"}"#, "jwk.n"),
        (#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#, "jwk.crv"),
        (#"{"kty":"oct","k":""}"#, "jwk.k"),
        (#"{"kty":"foo"}"#, "jwk.kty"),
        (#"{"kty":1}"#, "jwk.kty"),
        (#"{"kty":"oct","k":"AAAA","key_ops":"sign"}"#, "jwk.key_ops"),
    ])
    func malformedJWK(json: String, location: String) throws {
        let value = try JSONValue.parse(json)
        #expect { try Key(jwk: value) } throws: { error in (error as? JOSEError)?.location == location }
    }

    @Test("an Ed25519 JWK whose x does not belong to d is rejected")
    func okpMismatch() throws {
        let a = try Key.generate(.okp(.ed25519)).jwk(includePrivate: true)
        let b = try Key.generate(.okp(.ed25519)).jwk()
        let mixed = a.setting("x", to: b["x"]!)
        #expect { try Key(jwk: mixed) } throws: { error in (error as? JOSEError)?.location == "jwk.x" }
    }

    @Test("JWK Set: keys parsed, unknown kty skipped, output public only")
    func jwks() throws {
        let rsa = try Key.generate(.rsa(bits: 2048)).jwk(includePrivate: true)
        let set = try JSONValue.parse(#"{"keys":[\#(rsa.compact),{"kty":"XYZ","foo":1}]}"#)
        let keys = try KeySet(jwks: set)
        #expect(keys.keys.count == 1)
        let published = try keys.jwks()
        #expect(published["keys"]?[index: 0]?["d"] == nil)
    }

    @Test("encrypted private keys are refused with advice, never a passphrase prompt")
    func encryptedKey() {
        let pem = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"
        #expect { try KeyFile.keys(from: Array(pem.utf8)) } throws: { error in "\(error)".contains("encrypted private keys are not supported") }
    }

    @Test("garbage is not a key")
    func garbage() {
        #expect(throws: JOSEError.self) { try KeyFile.keys(from: Array("hello".utf8)) }
        #expect(throws: JOSEError.self) { try KeyFile.keys(from: Array("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".utf8)) }
        #expect(throws: JOSEError.self) { try KeyFile.keys(from: []) }
    }

    @Test("a key description never contains key material")
    func noSecretsInDescriptions() throws {
        let secret = Key(secret: Array("super-secret-value-of-32-bytes!!".utf8), id: "k1")
        #expect("\(secret)" == "oct 256 bits secret key \"k1\"")
        #expect(!"\(secret)".contains("super"))
    }
}
