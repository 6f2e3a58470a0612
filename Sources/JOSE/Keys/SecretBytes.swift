import COpenSSL

/// Secret key material (an HMAC key). Wiped with `OPENSSL_cleanse` when released, never printed.
final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    private(set) var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    deinit {
        let count = bytes.count
        bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, count) }
    }

    var count: Int { bytes.count }
    var description: String { "<\(bytes.count)-byte secret>" }
}
