import JOSE

enum JWSHarness {
    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let result = FuzzKeys.verifier.verify(text)
        for failure in result.failures { _ = failure.description }
        if let jws = result.jws {
            _ = try? jws.claimSet()
            for signature in jws.signatures { _ = signature.header.keyID; _ = signature.header.type }
            _ = try? jws.serialized(as: .compact)
            _ = try? jws.serialized(as: .general)
        }
        // A detached payload and a compact-only verifier take other paths.
        _ = try? JWS.parse(text, detachedPayload: Array(bytes.prefix(16)))
    }
}
