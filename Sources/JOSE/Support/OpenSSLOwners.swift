import COpenSSL

// Each OpenSSL object jwstool holds has exactly one Swift owner, which frees it in `deinit`.
// Owners never leave the library; no C type appears in a public signature.

/// Owns an `EVP_PKEY`. OpenSSL keys are safe to share between threads for signing and verifying.
final class EVPKey: @unchecked Sendable {
    let raw: OpaquePointer

    init(adopting raw: OpaquePointer) { self.raw = raw }
    deinit { EVP_PKEY_free(raw) }

    /// Whether the key holds private material (it can sign).
    var hasPrivatePart: Bool {
        // A private EC/RSA key exposes "priv"/"d"; ED keys expose their raw private key.
        var size = 0
        if EVP_PKEY_is_a(raw, "ED25519") == 1 || EVP_PKEY_is_a(raw, "ED448") == 1 {
            return EVP_PKEY_get_raw_private_key(raw, nil, &size) == 1
        }
        var number: OpaquePointer? = nil
        let name = EVP_PKEY_is_a(raw, "EC") == 1 ? "priv" : "d"
        let found = EVP_PKEY_get_bn_param(raw, name, &number) == 1
        BN_clear_free(number)
        OpenSSLFailure.drain()
        return found
    }
}

/// Owns an `EVP_MD_CTX`.
final class DigestContext {
    let raw: OpaquePointer

    init() throws(JOSEError) {
        guard let raw = EVP_MD_CTX_new() else { throw OpenSSLFailure.error("EVP_MD_CTX_new failed") }
        self.raw = raw
    }

    deinit { EVP_MD_CTX_free(raw) }
}

/// Owns an `EVP_PKEY_CTX`.
final class KeyContext {
    let raw: OpaquePointer

    init(algorithm name: String) throws(JOSEError) {
        guard let raw = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw OpenSSLFailure.error("OpenSSL has no \(name) implementation")
        }
        self.raw = raw
    }

    init(key: EVPKey) throws(JOSEError) {
        guard let raw = EVP_PKEY_CTX_new_from_pkey(nil, key.raw, nil) else {
            throw OpenSSLFailure.error("EVP_PKEY_CTX_new_from_pkey failed")
        }
        self.raw = raw
    }

    deinit { EVP_PKEY_CTX_free(raw) }
}

/// Owns a memory `BIO`.
final class MemoryBIO {
    let raw: OpaquePointer

    /// An empty BIO to write into.
    init() throws(JOSEError) {
        guard let raw = BIO_new(BIO_s_mem()) else { throw OpenSSLFailure.error("BIO_new failed") }
        self.raw = raw
    }

    /// A read-only BIO over a copy of `bytes`.
    init(copying bytes: [UInt8]) throws(JOSEError) {
        guard let raw = BIO_new(BIO_s_mem()) else { throw OpenSSLFailure.error("BIO_new failed") }
        self.raw = raw
        if !bytes.isEmpty {
            _ = bytes.withUnsafeBytes { BIO_write(raw, $0.baseAddress, Int32($0.count)) }
        }
    }

    deinit { BIO_free(raw) }

    /// Everything written so far.
    var contents: [UInt8] {
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = jwstool_bio_get_mem_data(raw, &data)
        guard let data, length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}

/// Owns a `BIGNUM`; cleared before it is freed, since it may hold private key material.
final class BigNumber {
    let raw: OpaquePointer

    init(bigEndian bytes: [UInt8]) throws(JOSEError) {
        guard let raw = bytes.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
            throw OpenSSLFailure.error("BN_bin2bn failed")
        }
        self.raw = raw
    }

    /// Reads the named big-number parameter of a key, or nil when the key has none.
    init?(parameter name: String, of key: EVPKey) {
        var number: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(key.raw, name, &number) == 1, let number else {
            OpenSSLFailure.drain()
            return nil
        }
        self.raw = number
    }

    deinit { BN_clear_free(raw) }

    /// Big-endian bytes, left-padded with zeros to `width` when given (and when the number fits).
    func bytes(width: Int? = nil) -> [UInt8] {
        let natural = Int((BN_num_bits(raw) + 7) / 8)
        let count = max(width ?? natural, natural)
        var output = [UInt8](repeating: 0, count: count)
        _ = output.withUnsafeMutableBufferPointer { BN_bn2binpad(raw, $0.baseAddress, Int32(count)) }
        return output
    }
}

/// Owns an `OSSL_PARAM_BLD` and everything it points to.
///
/// The builder keeps the *pointers* to parameter names and values until `OSSL_PARAM_BLD_to_param`, so every
/// name and buffer is copied into memory this owner holds (and wipes, since values may be private key material).
final class ParameterBuilder {
    private let raw: OpaquePointer
    private var numbers: [BigNumber] = []
    private var buffers: [UnsafeMutableBufferPointer<CChar>] = []

    init() throws(JOSEError) {
        guard let raw = OSSL_PARAM_BLD_new() else { throw OpenSSLFailure.error("OSSL_PARAM_BLD_new failed") }
        self.raw = raw
    }

    deinit {
        OSSL_PARAM_BLD_free(raw)
        for buffer in buffers {
            OPENSSL_cleanse(UnsafeMutableRawPointer(buffer.baseAddress), buffer.count)
            buffer.deallocate()
        }
    }

    /// A copy of `bytes` (NUL-terminated) that lives as long as the builder.
    private func stable(_ bytes: some Collection<UInt8>) -> UnsafeMutablePointer<CChar> {
        let start = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (offset, byte) in bytes.enumerated() { (start + offset).initialize(to: CChar(bitPattern: byte)) }
        (start + bytes.count).initialize(to: 0)
        buffers.append(UnsafeMutableBufferPointer(start: start, count: bytes.count + 1))
        return start
    }

    private func name(_ text: String) -> UnsafePointer<CChar> { UnsafePointer(stable(text.utf8)) }

    func push(_ name: String, bigEndian bytes: [UInt8]) throws(JOSEError) {
        let number = try BigNumber(bigEndian: bytes)
        numbers.append(number)
        guard OSSL_PARAM_BLD_push_BN(raw, self.name(name), number.raw) == 1 else { throw OpenSSLFailure.error("OSSL_PARAM_BLD_push_BN failed") }
    }

    func push(_ name: String, utf8 value: String) throws(JOSEError) {
        let copy = stable(value.utf8)
        guard OSSL_PARAM_BLD_push_utf8_string(raw, self.name(name), copy, 0) == 1 else {
            throw OpenSSLFailure.error("OSSL_PARAM_BLD_push_utf8_string failed")
        }
    }

    func push(_ name: String, octets: [UInt8]) throws(JOSEError) {
        let copy = stable(octets)
        guard OSSL_PARAM_BLD_push_octet_string(raw, self.name(name), copy, octets.count) == 1 else {
            throw OpenSSLFailure.error("OSSL_PARAM_BLD_push_octet_string failed")
        }
    }

    /// Builds an `EVP_PKEY` of type `algorithm` from the pushed parameters.
    func makeKey(algorithm: String, includingPrivate: Bool) throws(JOSEError) -> EVPKey {
        guard let parameters = OSSL_PARAM_BLD_to_param(raw) else { throw OpenSSLFailure.error("OSSL_PARAM_BLD_to_param failed") }
        defer { OSSL_PARAM_free(parameters) }
        let context = try KeyContext(algorithm: algorithm)
        guard EVP_PKEY_fromdata_init(context.raw) == 1 else { throw OpenSSLFailure.error("EVP_PKEY_fromdata_init failed") }
        var key: OpaquePointer? = nil
        let selection = includingPrivate ? KeySelection.keyPair : KeySelection.publicKey
        guard EVP_PKEY_fromdata(context.raw, &key, selection, parameters) == 1, let key else {
            throw OpenSSLFailure.error("OpenSSL refused the \(algorithm) key parameters", code: .malformed)
        }
        return EVPKey(adopting: key)
    }
}

/// `EVP_PKEY_PUBLIC_KEY` and `EVP_PKEY_KEYPAIR`, which Swift cannot import (they are compound macros).
enum KeySelection {
    static let publicKey: Int32 = 0x86
    static let keyPair: Int32 = 0x87
}
