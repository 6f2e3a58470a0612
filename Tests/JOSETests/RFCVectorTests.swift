import JOSE
import Testing

@Suite("RFC 7515, 8037, 7638 and 7797 published examples")
struct RFCVectorTests {
    static let jwsCases: [JSONValue] = {
        let files = ["rfc7515.json", "rfc8037.json", "rfc7797.json"]
        return files.flatMap { (try? Vectors.cases($0)) ?? [] }.filter { ($0["kind"]?.stringValue ?? "jws") == "jws" }
    }()

    @Test func vectorsAreThere() {
        #expect(Self.jwsCases.count == 9)
    }

    @Test("every JWS example gives its published verdict", arguments: jwsCases)
    func verdict(_ vector: JSONValue) throws {
        let name = vector["name"]!.string
        let valid = vector["expect"]?.string == "valid"
        let detached = vector["detached"]?.boolValue == true
        let payload = detached ? Array(vector["payload_utf8"]!.string.utf8) : nil
        var keys = KeySet()
        if let jwk = vector["jwk_public"], jwk.isObject { keys.keys.append(try Key(jwk: jwk)) }
        let verifier = TokenVerifier(keys: keys)
        let result = verifier.verify(vector["compact"]!.string, detachedPayload: payload, at: rfcExampleTime)
        #expect(result.isValid == valid, "\(name): \(result.failures)")
        if !valid {
            #expect(result.failures.contains { $0.location == "header.alg" }, "\(name) must be rejected for its alg")
        }
        if let flattened = vector["json_flattened"] {
            let inline = flattened["payload"] != nil
            let result = verifier.verify(flattened.compact, detachedPayload: inline ? nil : payload, at: rfcExampleTime)
            #expect(result.isValid == valid, "\(name) flattened: \(result.failures)")
        }
    }

    @Test("deterministic signatures reproduce the published bytes", arguments: jwsCases.filter { $0["deterministic"]?.boolValue == true })
    func deterministic(_ vector: JSONValue) throws {
        let key = try Key(jwk: vector["jwk"]!)
        let algorithm = try #require(Algorithm(name: vector["alg"]!.string))
        let input = Array(vector["signing_input"]!.string.utf8)
        let signature = try algorithm.sign(input, with: key)
        #expect(Base64URL.encode(signature) == vector["expected_signature_b64"]!.string)
    }

    @Test("ECDSA examples: a fresh signature verifies", arguments: jwsCases.filter { $0["alg"]?.string.hasPrefix("ES") == true })
    func ecdsaFresh(_ vector: JSONValue) throws {
        let key = try Key(jwk: vector["jwk"]!)
        let algorithm = try #require(Algorithm(name: vector["alg"]!.string))
        let input = Array(vector["signing_input"]!.string.utf8)
        let signature = try algorithm.sign(input, with: key)
        #expect(try algorithm.verify(signature, over: input, with: key.publicKey))
        #expect(try !algorithm.verify(signature, over: input + [0x20], with: key.publicKey))
    }

    @Test("RFC 7515 A.6 general and A.7 flattened JSON serializations")
    func jsonSerializations() throws {
        let examples = try Vectors.load("rfc/rfc7515_appendix_a.json")["examples"]!.elements
        let general = try #require(examples.first { $0["id"]?.string == "RFC7515-A.6" })
        var keys: [Key] = []
        for (kid, jwk) in general["keys"]!.members {
            var key = try Key(jwk: jwk).publicKey
            key.id = kid
            keys.append(key)
        }
        let document = general["json_general"]!.compact
        let jws = try JWS.parse(document)
        #expect(jws.serialization == .general)
        #expect(jws.signatures.count == 2)
        for key in keys {
            let verifier = JWSVerifier(keys: KeySet([key]))
            for index in jws.signatures.indices where jws.signatures[index].header.keyID == key.id {
                let verified = try verifier.verify(jws, signature: index)
                #expect(verified.key.id == key.id)
            }
        }
        #expect(TokenVerifier(keys: KeySet(keys)).verify(document, at: rfcExampleTime).isValid)

        let flattened = try #require(examples.first { $0["id"]?.string == "RFC7515-A.7" })
        let key = try Key(jwk: flattened["jwk"]!)
        let result = TokenVerifier(keys: KeySet([key])).verify(flattened["json_flattened"]!.compact, at: rfcExampleTime)
        #expect(result.isValid, "\(result.failures)")
        #expect(result.jws?.serialization == .flattened)
    }

    @Test("RFC 7638 and RFC 8037 thumbprints recompute")
    func thumbprints() throws {
        let cases = try Vectors.cases("rfc7638.json") + Vectors.cases("rfc8037.json")
        let thumbprints = cases.filter { $0["kind"]?.string == "thumbprint" }
        #expect(thumbprints.count == 2)
        for vector in thumbprints {
            let key = try Key(jwk: vector["jwk"]!)
            #expect(try key.thumbprintInput == vector["canonical_json"]!.string)
            #expect(try key.thumbprint() == vector["thumbprint"]!.string)
        }
    }

    @Test("RFC 8037 keys: the private key derives the published public key")
    func ed25519Keys() throws {
        let cases = try Vectors.cases("rfc8037.json").filter { $0["kind"]?.string == "key" }
        for vector in cases {
            let key = try Key(jwk: vector["jwk"]!)
            #expect(key.type == .okp(.ed25519))
            #expect(try key.publicKey.jwk()["x"] == vector["jwk"]!["x"])
        }
    }

    @Test("RFC 7797 §4.2 is rejected by a verifier that does not see b64 in crit")
    func unencodedNeedsCrit() throws {
        let vector = try #require(Vectors.cases("rfc7797.json").first { $0["name"]?.string == "4.2" })
        let key = try Key(jwk: vector["jwk"]!)
        // Strip "crit" from the header: b64 without crit must be refused, not silently processed.
        let header = #"{"alg":"HS256","b64":false}"#
        let token = Base64URL.encode(Array(header.utf8)) + ".." + vector["expected_signature_b64"]!.string
        let result = TokenVerifier(keys: KeySet([key])).verify(token, detachedPayload: Array("$.02".utf8))
        #expect(!result.isValid)
        #expect(result.failures.first?.code == .criticalHeader)
    }
}
