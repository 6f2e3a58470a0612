import COpenSSL

/// Signing and verifying through `EVP_DigestSign`/`EVP_DigestVerify`, shared by RSA, RSA-PSS, ECDSA and EdDSA.
///
/// The verify context is initialised once per key (digest fetched, key attached, padding set) and copied for
/// each token with `EVP_MD_CTX_copy_ex`, which is cheaper than initialising it again.
final class DigestVerifier: SignatureVerifier, @unchecked Sendable {
    /// Configures the `EVP_PKEY_CTX` of a freshly initialised operation (padding, salt length); true on success.
    typealias Configure = @Sendable (OpaquePointer) -> Bool

    private let template: DigestContext

    init(_ key: EVPKey, digest: Digest?, configure: Configure? = nil) throws(JOSEError) {
        template = try DigestContext()
        var keyContext: OpaquePointer? = nil
        guard EVP_DigestVerifyInit_ex(template.raw, &keyContext, digest?.rawValue, nil, nil, key.raw, nil) == 1,
              let keyContext, configure?(keyContext) ?? true
        else { throw OpenSSLFailure.error("preparing signature verification failed") }
        // Finalising may consume the copy: no need for OpenSSL to duplicate the key context once more.
        EVP_MD_CTX_set_flags(template.raw, Int32(EVP_MD_CTX_FLAG_FINALISE))
    }

    func verify(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let verified = EVP_MD_CTX_copy_ex(context, template.raw) == 1
            && EVP_DigestVerify(context, signature.baseAddress, signature.count, signingInput.baseAddress, signingInput.count) == 1
        if !verified { ERR_clear_error() }
        return verified
    }
}

/// Signs through `EVP_DigestSign`; the output is the algorithm's native encoding (DER for ECDSA).
struct DigestSigner: SignatureSigner {
    let key: EVPKey
    let digest: Digest?
    let configure: DigestVerifier.Configure?

    init(_ key: EVPKey, digest: Digest?, configure: DigestVerifier.Configure? = nil) {
        self.key = key
        self.digest = digest
        self.configure = configure
    }

    func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8] {
        let context = try DigestContext()
        var keyContext: OpaquePointer? = nil
        guard EVP_DigestSignInit_ex(context.raw, &keyContext, digest?.rawValue, nil, nil, key.raw, nil) == 1,
              let keyContext, configure?(keyContext) ?? true
        else { throw OpenSSLFailure.error("preparing to sign failed") }
        return try signingInput.withUnsafeBufferPointer { input throws(JOSEError) in
            var length = 0
            guard EVP_DigestSign(context.raw, nil, &length, input.baseAddress, input.count) == 1 else {
                throw OpenSSLFailure.error("signing failed")
            }
            var signature = [UInt8](repeating: 0, count: length)
            let signed = signature.withUnsafeMutableBufferPointer {
                EVP_DigestSign(context.raw, $0.baseAddress, &length, input.baseAddress, input.count)
            }
            guard signed == 1 else { throw OpenSSLFailure.error("signing failed") }
            return Array(signature.prefix(length))
        }
    }
}
