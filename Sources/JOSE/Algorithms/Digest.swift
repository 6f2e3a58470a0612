import COpenSSL

/// The SHA-2 digests JWS uses, each fetched from OpenSSL once per process and then reused.
public enum Digest: String, Sendable, CaseIterable {
    /// SHA-256, 32 bytes.
    case sha256 = "SHA256"
    /// SHA-384, 48 bytes.
    case sha384 = "SHA384"
    /// SHA-512, 64 bytes.
    case sha512 = "SHA512"

    /// Output size in bytes.
    public var size: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The fetched `EVP_MD`, or nil when the provider does not offer it.
    var fetched: OpaquePointer? { FetchedAlgorithms.shared.digest(self) }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) throws(JOSEError) -> [UInt8] {
        guard let md = fetched else { throw OpenSSLFailure.error("OpenSSL offers no \(rawValue)") }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { EVP_Digest(input.baseAddress, input.count, $0.baseAddress, &length, md, nil) }
        }
        guard ok == 1 else { throw OpenSSLFailure.error("EVP_Digest(\(rawValue)) failed") }
        return Array(output.prefix(Int(length)))
    }
}

/// OpenSSL 3 algorithm fetches are costly, so each one is done once and kept for the life of the process.
/// The fetched objects are immutable and reference-counted by OpenSSL; sharing them between threads is safe.
final class FetchedAlgorithms: @unchecked Sendable {
    static let shared = FetchedAlgorithms()

    private let digests: [Digest: OpaquePointer]
    /// The HMAC implementation (`EVP_MAC`).
    let hmac: OpaquePointer?

    private init() {
        var digests: [Digest: OpaquePointer] = [:]
        for digest in Digest.allCases {
            if let md = EVP_MD_fetch(nil, digest.rawValue, nil) { digests[digest] = md }
        }
        self.digests = digests
        hmac = EVP_MAC_fetch(nil, "HMAC", nil)
        OpenSSLFailure.drain()
    }

    deinit {
        for md in digests.values { EVP_MD_free(md) }
        EVP_MAC_free(hmac)
    }

    func digest(_ digest: Digest) -> OpaquePointer? { digests[digest] }
}
