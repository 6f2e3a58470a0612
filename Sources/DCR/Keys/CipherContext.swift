import COpenSSL

/// The one owner of an `EVP_CIPHER_CTX` and the `EVP_CIPHER` it was fetched for; both freed with it.
final class CipherContext {
    let context: OpaquePointer
    private let cipher: OpaquePointer

    /// A context for `algorithm` (an OpenSSL 3 name, e.g. `AES-256-GCM`); nil when OpenSSL offers none.
    init?(_ algorithm: String) {
        guard let cipher = EVP_CIPHER_fetch(nil, algorithm, nil) else { return nil }
        guard let context = EVP_CIPHER_CTX_new() else {
            EVP_CIPHER_free(cipher)
            return nil
        }
        self.cipher = cipher
        self.context = context
    }

    deinit {
        EVP_CIPHER_CTX_free(context)
        EVP_CIPHER_free(cipher)
    }

    /// Starts encrypting (or decrypting) with `key` and `nonce` (the cipher's default IV length: 12 bytes for GCM).
    func start(encrypting: Bool, key: [UInt8], nonce: [UInt8]) -> Bool {
        encrypting ? EVP_EncryptInit_ex2(context, cipher, key, nonce, nil) == 1 : EVP_DecryptInit_ex2(context, cipher, key, nonce, nil) == 1
    }
}
