import JOSE
import Testing

/// Project Wycheproof vectors run through the JOSE algorithm layer (raw message and signature, not JWS).
@Suite("Wycheproof signature and MAC vectors")
struct WycheproofTests {
    struct Outcome {
        var checked = 0
        var refusedKeys = 0
        var mismatches: [String] = []
    }

    static let signatureFiles: [(String, Algorithm)] = [
        ("ecdsa_secp256k1_sha256_p1363_test.json", .es256k),
        ("ecdsa_secp256r1_sha256_p1363_test.json", .es256),
        ("ecdsa_secp384r1_sha384_p1363_test.json", .es384),
        ("ecdsa_secp521r1_sha512_p1363_test.json", .es512),
        ("ed25519_test.json", .edDSA),
        ("ed448_test.json", .edDSA),
        ("rsa_pss_2048_sha256_mgf1_32_test.json", .ps256),
        ("rsa_pss_2048_sha384_mgf1_48_test.json", .ps384),
        ("rsa_pss_3072_sha256_mgf1_32_test.json", .ps256),
        ("rsa_signature_2048_sha256_test.json", .rs256),
        ("rsa_signature_2048_sha384_test.json", .rs384),
        ("rsa_signature_2048_sha512_test.json", .rs512),
        ("rsa_signature_3072_sha256_test.json", .rs256),
        ("rsa_signature_3072_sha384_test.json", .rs384),
        ("rsa_signature_3072_sha512_test.json", .rs512),
    ]

    @Test("signature vectors give the published verdict", arguments: signatureFiles)
    func signatures(file: String, algorithm: Algorithm) throws {
        let document = try Vectors.load("wycheproof/\(file)")
        var outcome = Outcome()
        for group in document["testGroups"]!.elements {
            guard let jwk = try group["publicKeyJwk"] ?? group["keyJwk"] ?? Self.jwk(fromECPoint: group["publicKey"]) else {
                Issue.record("\(file): a group without a usable key")
                continue
            }
            var key = try Key(jwk: jwk)
            key.algorithmName = nil  // Wycheproof's JWK "alg" names the file's hash; the test picks the algorithm
            // Some RSA groups use e = 3: the standard policy refuses such keys outright, so their vectors run under the
            // opt-out to check the signature arithmetic all the same.
            var policy = KeyPolicy.standard
            if key.flaw != nil {
                #expect(throws: JOSEError.self) { try algorithm.verify([0], over: [0], with: key) }
                policy = .allowingWeakRSA
                outcome.refusedKeys += 1
            }
            for test in group["tests"]!.elements {
                let result = test["result"]!.string
                guard result != "acceptable" else { continue }
                let verified = try algorithm.verify(hexBytes(test["sig"]!.string), over: hexBytes(test["msg"]!.string), with: key, policy: policy)
                outcome.checked += 1
                if verified != (result == "valid") {
                    outcome.mismatches.append("tcId \(test["tcId"]!.compact) (\(test["comment"]!.string)): expected \(result)")
                }
            }
        }
        #expect(outcome.checked > 50)
        #expect(outcome.mismatches.isEmpty, "\(file): \(outcome.mismatches.prefix(5))")
    }

    /// The few ECDSA groups without a JWK (edge-case keys) give the point as hex `wx`, `wy`, possibly with a leading 00.
    static func jwk(fromECPoint key: JSONValue?) throws -> JSONValue? {
        guard let key, let curveName = key["curve"]?.stringValue, let wx = key["wx"]?.stringValue, let wy = key["wy"]?.stringValue else { return nil }
        let curves: [String: Curve] = ["secp256r1": .p256, "secp384r1": .p384, "secp521r1": .p521, "secp256k1": .secp256k1]
        guard let curve = curves[curveName] else { return nil }
        func coordinate(_ hex: String) -> String {
            let bytes = Array(hexBytes(hex.count % 2 == 1 ? "0" + hex : hex).drop { $0 == 0 })
            return Base64URL.encode([UInt8](repeating: 0, count: max(0, curve.coordinateSize - bytes.count)) + bytes)
        }
        return .object([("kty", "EC"), ("crv", .string(curve.rawValue)), ("x", .string(coordinate(wx))), ("y", .string(coordinate(wy)))])
    }

    @Test("HMAC vectors with full-length tags and keys at least the hash length", arguments: [
        ("hmac_sha256_test.json", Algorithm.hs256), ("hmac_sha384_test.json", .hs384), ("hmac_sha512_test.json", .hs512),
    ])
    func hmac(file: String, algorithm: Algorithm) throws {
        guard case .hmac(let digest) = algorithm.family else { return }
        let document = try Vectors.load("wycheproof/\(file)")
        var checked = 0
        var refusedShortKeys = 0
        for group in document["testGroups"]!.elements where group["tagSize"]?.integerValue == Int64(digest.size * 8) {
            for test in group["tests"]!.elements {
                let key = Key(secret: hexBytes(test["key"]!.string))
                let message = hexBytes(test["msg"]!.string)
                let tag = hexBytes(test["tag"]!.string)
                guard key.type != .oct(bytes: 0), case .oct(let size) = key.type, size >= digest.size else {
                    #expect(throws: JOSEError.self) { try algorithm.verify(tag, over: message, with: key) }
                    refusedShortKeys += 1
                    continue
                }
                let valid = test["result"]!.string == "valid"
                #expect(try algorithm.verify(tag, over: message, with: key) == valid, "tcId \(test["tcId"]!.compact)")
                if valid { #expect(try algorithm.sign(message, with: key) == tag) }
                checked += 1
            }
        }
        #expect(checked > 30)
        #expect(refusedShortKeys > 0)
    }
}
