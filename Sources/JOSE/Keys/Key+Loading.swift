#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Key {
    /// Every key in `bytes`: PEM (SPKI, PKCS#8, PKCS#1, SEC1, certificates), DER, a JWK or a JWK Set.
    public static func load(_ bytes: [UInt8]) throws(JOSEError) -> [Key] { try KeyFile.keys(from: bytes) }

    /// Every key in the file at `path`, in one call (`try Key.load(contentsOfFile: "issuer.pub.jwk")`).
    /// - Throws: `.invalidArgument` naming the file when it cannot be read (or exceeds 16 MiB), else what ``load(_:)``
    ///   throws.
    public static func load(contentsOfFile path: String) throws(JOSEError) -> [Key] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw JOSEError(.invalidArgument, at: path, errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let limit = 16 << 20
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw JOSEError(.invalidArgument, at: path, String(cString: strerror(errno))) }
            if count == 0 { break }
            bytes += buffer.prefix(count)
            guard bytes.count <= limit else { throw JOSEError(.invalidArgument, at: path, "larger than 16 MiB: not a key file") }
        }
        return try load(bytes)
    }
}
