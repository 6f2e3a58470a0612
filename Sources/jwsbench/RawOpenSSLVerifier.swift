import COpenSSL
import JOSE

/// The baseline: what a hand-written verifier does with OpenSSL alone. Key and digest are loaded once; per token it
/// decodes the signature from base64url and runs EVP_DigestVerifyInit_ex + EVP_DigestVerify (HMAC: DigestSign and
/// a constant-time compare) over the signing input. No JSON, no claims, no key choice.
final class RawOpenSSLVerifier {
    enum Kind { case hmac, rsa, pss, ecdsa(width: Int), eddsa }

    private let key: OpaquePointer
    private let digest: String?
    private let kind: Kind

    init(pem: String, kind: Kind, digest: String?) {
        var loaded: OpaquePointer? = nil
        let decoder = OSSL_DECODER_CTX_new_for_pkey(&loaded, "PEM", nil, nil, 0, nil, nil)
        let bytes = Array(pem.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            var length = buffer.count
            _ = OSSL_DECODER_from_data(decoder, &cursor, &length)
        }
        OSSL_DECODER_CTX_free(decoder)
        guard let loaded else { preconditionFailure("benchmark key did not load") }
        key = loaded
        self.kind = kind
        self.digest = digest
    }

    init(hmacSecret: [UInt8]) {
        guard let loaded = hmacSecret.withUnsafeBufferPointer({ EVP_PKEY_new_raw_private_key(EVP_PKEY_HMAC, nil, $0.baseAddress, $0.count) }) else {
            preconditionFailure("HMAC key did not load")
        }
        key = loaded
        kind = .hmac
        digest = "SHA256"
    }

    deinit { EVP_PKEY_free(key) }

    func verify(_ token: [UInt8]) -> Bool {
        guard let lastDot = token.lastIndex(of: UInt8(ascii: ".")) else { return false }
        guard var signature = try? token[(lastDot + 1)...].withUnsafeBufferPointer({ try Base64URL.decode($0) }) else { return false }
        if case .ecdsa(let width) = kind { signature = derSignature(signature, width: width) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        return token.withUnsafeBufferPointer { input in
            if case .hmac = kind {
                guard EVP_DigestSignInit_ex(context, nil, digest, nil, nil, key, nil) == 1 else { return false }
                var tag = [UInt8](repeating: 0, count: 32)
                var length = 32
                guard EVP_DigestSign(context, &tag, &length, input.baseAddress, lastDot) == 1 else { return false }
                return length == signature.count && CRYPTO_memcmp(tag, signature, length) == 0
            }
            var keyContext: OpaquePointer? = nil
            guard EVP_DigestVerifyInit_ex(context, &keyContext, digest, nil, nil, key, nil) == 1 else { return false }
            if case .pss = kind {
                EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING)
                EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST)
            }
            return EVP_DigestVerify(context, signature, signature.count, input.baseAddress, lastDot) == 1
        }
    }

    /// Raw R‖S to DER with OpenSSL's own ECDSA_SIG.
    private func derSignature(_ raw: [UInt8], width: Int) -> [UInt8] {
        guard raw.count == 2 * width, let signature = ECDSA_SIG_new() else { return [] }
        defer { ECDSA_SIG_free(signature) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(width), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + width, Int32(width), nil) }
        ECDSA_SIG_set0(signature, r, s)
        var output: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_ECDSA_SIG(signature, &output)
        guard length > 0, let output else { return [] }
        defer { jwstool_openssl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
