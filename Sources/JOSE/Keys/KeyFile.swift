import COpenSSL
import Synchronization

/// Reads keys from the bytes of a key file: PEM (SPKI, PKCS#8, PKCS#1, SEC1, certificates), DER, a JWK or a JWK Set.
public enum KeyFile {
    /// Every key the bytes hold. A PEM certificate chain becomes one key (the leaf's) carrying the chain.
    /// - Throws: `.malformed` saying which format was tried and why it failed.
    public static func keys(from bytes: [UInt8]) throws(JOSEError) -> [Key] {
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" {
            return try jsonKeys(bytes)
        }
        if text.contains("-----BEGIN ") {
            return try pemKeys(text)
        }
        return try [derKey(bytes)]
    }

    private static func jsonKeys(_ bytes: [UInt8]) throws(JOSEError) -> [Key] {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes) } catch { throw error.relocated(to: "key") }
        if json["keys"] != nil { return try KeySet(jwks: json).keys }
        return [try Key(jwk: json)]
    }

    // MARK: PEM

    private static func pemKeys(_ text: String) throws(JOSEError) -> [Key] {
        var keys: [Key] = []
        var chain: [Certificate] = []
        for block in PEMBlock.all(in: text) {
            switch block.label {
            case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE":
                chain.append(try Certificate(pem: Array(block.text.utf8)))
            case "ENCRYPTED PRIVATE KEY":
                throw JOSEError(.malformed, at: "key", "encrypted private keys are not supported; decrypt first: openssl pkey -in KEY -out plain.pem")
            default:
                if block.text.contains("Proc-Type: 4,ENCRYPTED") {
                    throw JOSEError(.malformed, at: "key", "encrypted private keys are not supported; decrypt first: openssl pkey -in KEY -out plain.pem")
                }
                keys.append(try Key(evp: decode(Array(block.text.utf8), format: "PEM", label: block.label)))
            }
        }
        if let leaf = chain.first {
            var key = try Key(evp: leaf.publicKey)
            key.certificates = chain
            keys.insert(key, at: 0)
        }
        if keys.isEmpty { throw JOSEError(.malformed, at: "key", "the PEM text has no complete BEGIN/END block") }
        return keys
    }

    // MARK: DER

    private static func derKey(_ bytes: [UInt8]) throws(JOSEError) -> Key {
        if let key = try? decode(bytes, format: "DER", label: nil) { return try Key(evp: key) }
        if let certificate = try? Certificate(der: bytes) {
            var key = try Key(evp: certificate.publicKey)
            key.certificates = [certificate]
            return key
        }
        OpenSSLFailure.drain()
        throw JOSEError(.malformed, at: "key", "not a key: neither PEM, JWK, JWK Set, DER key (SPKI, PKCS#8, PKCS#1, SEC1) nor DER certificate")
    }

    /// Decodes any key structure OpenSSL knows in `format` ("PEM" or "DER"), never asking for a passphrase.
    ///
    /// Decoding runs under one process-wide lock, and a failed decode is tried once more before it is reported:
    /// OpenSSL 3.0's decoder was seen to fail intermittently ("unsupported") on a valid key while other threads were
    /// making their first use of other algorithms. Key loading is not a hot path, and decoding is a pure function of
    /// the bytes, so both are safe.
    static func decode(_ bytes: [UInt8], format: String, label: String?) throws(JOSEError) -> EVPKey {
        let attempt = { () -> Result<EVPKey, JOSEError> in
            decoderLock.withLock { _ -> Result<EVPKey, JOSEError> in
                Result { () throws(JOSEError) in try decodeOnce(bytes, format: format, label: label) }
            }
        }
        switch attempt() {
        case .success(let key): return key
        case .failure:
            return try attempt().get()
        }
    }

    private static let decoderLock = Mutex(())

    private static func decodeOnce(_ bytes: [UInt8], format: String, label: String?) throws(JOSEError) -> EVPKey {
        var key: OpaquePointer? = nil
        guard let decoder = OSSL_DECODER_CTX_new_for_pkey(&key, format, nil, nil, 0, nil, nil) else {
            throw OpenSSLFailure.error("OSSL_DECODER_CTX_new_for_pkey failed")
        }
        defer { OSSL_DECODER_CTX_free(decoder) }
        // No passphrase source is configured (no callback, no UI method), so an encrypted key fails instead of prompting.
        // (Setting an empty passphrase makes OpenSSL 3.0 reject every key; encrypted PEM is refused by label earlier.)
        let decoded = bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            var remaining = buffer.count
            return OSSL_DECODER_from_data(decoder, &cursor, &remaining)
        }
        guard decoded == 1, let key else {
            let what = label.map { "PEM block \"\($0)\"" } ?? "\(format) data"
            throw OpenSSLFailure.error("\(what) is not a key OpenSSL can read", code: .malformed, at: "key")
        }
        OpenSSLFailure.drain()
        return EVPKey(adopting: key)
    }
}

/// One `-----BEGIN LABEL----- … -----END LABEL-----` block of a PEM file.
struct PEMBlock {
    let label: String
    /// The block including its BEGIN and END lines.
    let text: String

    static func all(in text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var rest = Substring(text)
        while let begin = rest.firstRange(of: "-----BEGIN ") {
            let afterBegin = rest[begin.upperBound...]
            guard let labelEnd = afterBegin.firstRange(of: "-----") else { break }
            let label = String(afterBegin[..<labelEnd.lowerBound])
            let endMarker = "-----END \(label)-----"
            guard let end = afterBegin.firstRange(of: endMarker) else { break }
            blocks.append(PEMBlock(label: label, text: String(rest[begin.lowerBound..<end.upperBound]) + "\n"))
            rest = afterBegin[end.upperBound...]
        }
        return blocks
    }
}
