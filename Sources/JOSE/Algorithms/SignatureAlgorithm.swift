/// A key made ready to verify one algorithm's signatures; prepare once, use for many tokens, from any thread.
protocol SignatureVerifier: Sendable {
    /// Whether `signature` is a valid signature of `signingInput`. Never throws: any failure is `false`.
    func verify(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeBufferPointer<UInt8>) -> Bool
}

/// A private key made ready to sign with one algorithm.
protocol SignatureSigner: Sendable {
    func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8]
}

extension Algorithm {
    /// Checks that `key` may be used with this algorithm for `operation`, naming the reason when not.
    func check(_ key: Key, for operation: String, policy: KeyPolicy) throws(JOSEError) {
        if case .unsecured = family {
            throw JOSEError(.unsupportedAlgorithm, at: "header.alg", "\"none\" means no signature; an unsecured JWS never verifies")
        }
        if let mismatch = fits(key.type) { throw JOSEError(.algorithmNotAllowed, at: "header.alg", mismatch) }
        if let keyAlgorithm = key.algorithmName, keyAlgorithm != rawValue {
            throw JOSEError(.algorithmNotAllowed, at: "header.alg", "key\(key.idPhrase) is for \(keyAlgorithm), not \(rawValue)")
        }
        if let refusal = key.refusal(for: operation) { throw JOSEError(.keyRejected, at: "key", refusal) }
        if let weakness = policy.weakness(of: key, for: self) { throw JOSEError(.keyRejected, at: "key", weakness) }
    }

    /// Prepares `key` to verify this algorithm's signatures.
    func verifier(for key: Key, policy: KeyPolicy = .standard) throws(JOSEError) -> any SignatureVerifier {
        try check(key, for: "verify", policy: policy)
        switch (family, key.material) {
        case (.hmac(let digest), .secret(let secret)): return try HMAC(secret: secret, digest: digest)
        case (.rsaPKCS1(let digest), .asymmetric(let evp)): return try RSA.verifier(evp, digest: digest)
        case (.rsaPSS(let digest), .asymmetric(let evp)): return try RSAPSS.verifier(evp, digest: digest)
        case (.ecdsa(let curve, let digest), .asymmetric(let evp)): return try ECDSA.verifier(evp, curve: curve, digest: digest)
        case (.eddsa, .asymmetric(let evp)): return try EdDSA.verifier(evp)
        default: throw JOSEError(.algorithmNotAllowed, at: "header.alg", "\(rawValue) cannot be used with \(key.type.phrase)")
        }
    }

    /// Prepares `key` to sign with this algorithm.
    func signer(for key: Key, policy: KeyPolicy = .standard) throws(JOSEError) -> any SignatureSigner {
        try check(key, for: "sign", policy: policy)
        switch (family, key.material) {
        case (.hmac(let digest), .secret(let secret)): return try HMAC(secret: secret, digest: digest)
        case (.rsaPKCS1(let digest), .asymmetric(let evp)): return RSA.signer(evp, digest: digest)
        case (.rsaPSS(let digest), .asymmetric(let evp)): return RSAPSS.signer(evp, digest: digest)
        case (.ecdsa(let curve, let digest), .asymmetric(let evp)): return ECDSA.signer(evp, curve: curve, digest: digest)
        case (.eddsa, .asymmetric(let evp)): return EdDSA.signer(evp)
        default: throw JOSEError(.algorithmNotAllowed, at: "header.alg", "\(rawValue) cannot be used with \(key.type.phrase)")
        }
    }

    /// Signs `signingInput` with `key`.
    public func sign(_ signingInput: [UInt8], with key: Key, policy: KeyPolicy = .standard) throws(JOSEError) -> [UInt8] {
        try signer(for: key, policy: policy).sign(signingInput)
    }

    /// Verifies a raw signature (not a JWS) with `key`; throws when the key cannot be used, returns false when the signature is wrong.
    public func verify(_ signature: [UInt8], over signingInput: [UInt8], with key: Key, policy: KeyPolicy = .standard) throws(JOSEError) -> Bool {
        let verifier = try verifier(for: key, policy: policy)
        return signature.withUnsafeBufferPointer { signature in
            signingInput.withUnsafeBufferPointer { verifier.verify(signature, over: $0) }
        }
    }
}
