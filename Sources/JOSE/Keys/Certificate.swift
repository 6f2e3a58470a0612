import COpenSSL

/// An X.509 certificate (owns an OpenSSL `X509`).
public final class Certificate: @unchecked Sendable {
    let raw: OpaquePointer

    init(adopting raw: OpaquePointer) { self.raw = raw }
    deinit { X509_free(raw) }

    /// Parses DER bytes.
    public convenience init(der: [UInt8]) throws(JOSEError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw OpenSSLFailure.error("not a DER X.509 certificate", code: .malformed) }
        self.init(adopting: parsed)
    }

    /// Parses one PEM `CERTIFICATE` block.
    convenience init(pem: [UInt8]) throws(JOSEError) {
        let bio = try MemoryBIO(copying: pem)
        guard let parsed = PEM_read_bio_X509(bio.raw, nil, nil, nil) else {
            throw OpenSSLFailure.error("not a PEM X.509 certificate", code: .malformed)
        }
        self.init(adopting: parsed)
    }

    /// The subject as a one-line distinguished name, e.g. `/CN=jwstool development`.
    public var subject: String {
        guard let name = X509_get_subject_name(raw), let line = X509_NAME_oneline(name, nil, 0) else { return "" }
        defer { jwstool_openssl_free(line) }
        return String(cString: line)
    }

    /// The DER encoding.
    public var der: [UInt8] {
        var output: UnsafeMutablePointer<UInt8>? = nil
        let length = i2d_X509(raw, &output)
        guard length > 0, let output else { return [] }
        defer { jwstool_openssl_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// The certified public key.
    var publicKey: EVPKey {
        get throws(JOSEError) {
            guard let key = X509_get_pubkey(raw) else { throw OpenSSLFailure.error("the certificate's public key is not usable", code: .malformed) }
            return EVPKey(adopting: key)
        }
    }
}

/// Certificates the caller trusts; a chain (`x5c`) is accepted only when OpenSSL verifies it to one of them.
public struct TrustAnchors: Sendable {
    /// The trusted certificates (roots or intermediates the caller vouches for).
    public var certificates: [Certificate]

    /// Trusts chains that lead to one of `certificates`.
    public init(_ certificates: [Certificate]) { self.certificates = certificates }

    /// Verifies `chain` (leaf first) to one of the anchors at the current time.
    /// - Throws: `.untrustedCertificate` with OpenSSL's reason.
    public func verify(chain: [Certificate]) throws(JOSEError) {
        guard let leaf = chain.first else { throw JOSEError(.untrustedCertificate, at: "header.x5c", "the chain is empty") }
        guard let store = X509_STORE_new() else { throw OpenSSLFailure.error("X509_STORE_new failed") }
        defer { X509_STORE_free(store) }
        for anchor in certificates { X509_STORE_add_cert(store, anchor.raw) }
        guard let untrusted = OPENSSL_sk_new_null() else { throw OpenSSLFailure.error("OPENSSL_sk_new_null failed") }
        defer { OPENSSL_sk_free(untrusted) }
        for certificate in chain.dropFirst() { OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate.raw)) }
        guard let context = X509_STORE_CTX_new() else { throw OpenSSLFailure.error("X509_STORE_CTX_new failed") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.raw, untrusted) == 1 else { throw OpenSSLFailure.error("X509_STORE_CTX_init failed") }
        if X509_verify_cert(context) != 1 {
            let code = X509_STORE_CTX_get_error(context)
            let reason = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            OpenSSLFailure.drain()
            throw JOSEError(.untrustedCertificate, at: "header.x5c", "the certificate chain of \(leaf.subject) does not verify to a trusted anchor: \(reason)")
        }
    }
}
