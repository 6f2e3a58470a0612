import COpenSSL
import Foundation
import JOSE

/// The key that seals the server's private keys in a shared database: AES-256-GCM (OpenSSL EVP), 32 bytes from a
/// file — an oct JWK (`jwstool key generate --type oct --out kek` writes one) or base64url text — or from
/// `$JWSTOOL_KEY_ENCRYPTION_KEY` (base64url). A sealed value reads `v1.NONCE.CIPHERTEXT.TAG` (base64url), with the
/// value's name as associated data, so a sealed key cannot be passed off under another name; opening one with another
/// key-encryption key fails, saying so.
public struct KeyEncryptionKey: Sendable {
    public static let environmentVariable = "JWSTOOL_KEY_ENCRYPTION_KEY"
    private let bytes: [UInt8]

    /// A key of exactly 32 bytes.
    public init(bytes: [UInt8]) throws(DCRError) {
        guard bytes.count == 32 else { throw DCRError.badRequest("a key-encryption key must be 32 bytes (AES-256), got \(bytes.count)") }
        self.bytes = bytes
    }

    /// Reads a key file: an oct JWK, or base64url text.
    public static func load(file path: String) throws(DCRError) -> KeyEncryptionKey {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4096 else {
            throw DCRError.badRequest("key-encryption key \(path): cannot be read (or larger than 4 KiB)")
        }
        do throws(DCRError) { return try parse(Array(data)) } catch { throw DCRError.badRequest("key-encryption key \(path): \(error)") }
    }

    /// Reads the text of a key: an oct JWK, or base64url of the 32 bytes.
    public static func parse(_ text: [UInt8]) throws(DCRError) -> KeyEncryptionKey {
        if text.opensJSONObject {
            guard let jwk = try? JSONValue.parse(text), jwk["kty"]?.stringValue == "oct", let k = jwk["k"]?.stringValue,
                  let bytes = try? Base64URL.decode(k) else {
                throw DCRError.badRequest("a JSON key-encryption key must be an oct JWK with its k")
            }
            return try KeyEncryptionKey(bytes: bytes)
        }
        let trimmed = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = try? Base64URL.decode(trimmed) else { throw DCRError.badRequest("not an oct JWK or base64url text") }
        return try KeyEncryptionKey(bytes: bytes)
    }

    /// Encrypts `plaintext` under this key, bound to `name`.
    public func seal(_ plaintext: [UInt8], name: String) throws(DCRError) -> String {
        let nonce = SecretGenerator.bytes(12)
        guard let cipher = CipherContext("AES-256-GCM"), cipher.start(encrypting: true, key: bytes, nonce: nonce) else {
            throw DCRError.storage("OpenSSL offers no AES-256-GCM")
        }
        var length: Int32 = 0
        let aad = Array(name.utf8)
        var output = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptUpdate(cipher.context, nil, &length, aad, Int32(aad.count)) == 1,
              EVP_EncryptUpdate(cipher.context, &output, &length, plaintext, Int32(plaintext.count)) == 1 else {
            throw DCRError.storage("sealing \(name) failed")
        }
        var written = Int(length)
        let finished = output.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(cipher.context, buffer.baseAddress.map { $0 + written }, &length)
        }
        guard finished == 1, EVP_CIPHER_CTX_ctrl(cipher.context, EVP_CTRL_AEAD_GET_TAG, 16, &tag) == 1 else {
            throw DCRError.storage("sealing \(name) failed")
        }
        written += Int(length)
        return ["v1", Base64URL.encode(nonce), Base64URL.encode(Array(output.prefix(written))), Base64URL.encode(tag)].joined(separator: ".")
    }

    /// Decrypts what ``seal(_:name:)`` made for `name`.
    public func open(_ sealed: String, name: String) throws(DCRError) -> [UInt8] {
        let parts = sealed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "v1", let nonce = try? Base64URL.decode(parts[1]), nonce.count == 12,
              let ciphertext = try? Base64URL.decode(parts[2]), var tag = try? Base64URL.decode(parts[3]), tag.count == 16 else {
            throw DCRError.storage("the stored \(name) is not a sealed value (v1.NONCE.CIPHERTEXT.TAG)")
        }
        guard let cipher = CipherContext("AES-256-GCM"), cipher.start(encrypting: false, key: bytes, nonce: nonce) else {
            throw DCRError.storage("OpenSSL offers no AES-256-GCM")
        }
        var length: Int32 = 0
        let aad = Array(name.utf8)
        var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
        guard EVP_DecryptUpdate(cipher.context, nil, &length, aad, Int32(aad.count)) == 1,
              EVP_DecryptUpdate(cipher.context, &output, &length, ciphertext, Int32(ciphertext.count)) == 1,
              EVP_CIPHER_CTX_ctrl(cipher.context, EVP_CTRL_AEAD_SET_TAG, 16, &tag) == 1 else {
            throw DCRError.storage("opening the stored \(name) failed")
        }
        let written = Int(length)
        let verified = output.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(cipher.context, buffer.baseAddress.map { $0 + written }, &length)
        }
        guard verified == 1 else {
            throw DCRError.storage("the stored \(name) does not open with this key-encryption key (a different key, or the value was altered)")
        }
        return Array(output.prefix(written + Int(length)))
    }
}
