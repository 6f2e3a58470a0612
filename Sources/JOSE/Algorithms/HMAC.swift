import COpenSSL

/// HMAC with SHA-2 (HS256, HS384, HS512; RFC 7518 §3.2), through `EVP_MAC`.
///
/// The keyed context is set up once; each token works on a duplicate, and tags are compared in constant time.
final class HMAC: SignatureVerifier, SignatureSigner, @unchecked Sendable {
    private let template: OpaquePointer
    private let size: Int

    init(secret: SecretBytes, digest: Digest) throws(JOSEError) {
        guard let mac = FetchedAlgorithms.shared.hmac, let context = EVP_MAC_CTX_new(mac) else {
            throw OpenSSLFailure.error("OpenSSL offers no HMAC")
        }
        template = context
        size = digest.size
        let ready = secret.bytes.withUnsafeBufferPointer { jwstool_hmac_init(context, $0.baseAddress, $0.count, digest.rawValue) }
        guard ready == 1 else { throw OpenSSLFailure.error("HMAC-\(digest.rawValue) setup failed") }
    }

    deinit { EVP_MAC_CTX_free(template) }

    /// The tag of `input`, or nil when OpenSSL fails.
    private func tag(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let context = EVP_MAC_CTX_dup(template) else { return false }
        defer { EVP_MAC_CTX_free(context) }
        var length = 0
        return EVP_MAC_update(context, input.baseAddress, input.count) == 1
            && EVP_MAC_final(context, output.baseAddress, &length, output.count) == 1
            && length == size
    }

    func verify(_ signature: UnsafeBufferPointer<UInt8>, over signingInput: UnsafeBufferPointer<UInt8>) -> Bool {
        guard signature.count == size else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { expected in
            guard tag(signingInput, into: expected) else {
                ERR_clear_error()
                return false
            }
            return CRYPTO_memcmp(expected.baseAddress, signature.baseAddress, size) == 0
        }
    }

    func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        let ok = signingInput.withUnsafeBufferPointer { input in output.withUnsafeMutableBufferPointer { tag(input, into: $0) } }
        guard ok else { throw OpenSSLFailure.error("HMAC failed") }
        return output
    }
}
