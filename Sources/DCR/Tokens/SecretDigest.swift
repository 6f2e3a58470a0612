import COpenSSL
import JOSE

/// Client secrets are stored only as SHA-256 digests and compared in constant time. The secrets are 256 random bits,
/// so a fast digest is enough (there is nothing to brute-force); a slow password hash would only slow the token endpoint.
public enum SecretDigest {
    public static func digest(_ secret: String) -> String {
        let bytes = (try? Digest.sha256.hash(Array(secret.utf8))) ?? []
        return Hex.encode(bytes)
    }

    public static func matches(_ secret: String, digest stored: String) -> Bool {
        constantTimeEquals(Array(digest(secret).utf8), Array(stored.utf8))
    }

    /// Equality whose time depends only on the lengths.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return CRYPTO_memcmp(lhs, rhs, lhs.count) == 0
    }
}

/// Random identifiers and secrets from OpenSSL's CSPRNG.
public enum SecretGenerator {
    /// 256 random bits, base64url (43 characters).
    public static func token() -> String { Base64URL.encode(bytes(32)) }

    /// A random (version 4) UUID, lower-case.
    public static func uuid() -> String {
        var raw = bytes(16)
        raw[6] = raw[6] & 0x0F | 0x40
        raw[8] = raw[8] & 0x3F | 0x80
        let characters = Array(Hex.encode(raw))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    public static func bytes(_ count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        if output.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, Int32(count)) }) != 1 {
            // RAND_bytes fails only when the system has no entropy source; fall back to the system CSPRNG.
            var generator = SystemRandomNumberGenerator()
            output = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        return output
    }
}
