/// Standard base64 (RFC 4648 §4), as used by the JWK `x5c` member and PEM bodies.
/// Decoding is as strict as ``Base64URL``, except that the standard alphabet and `=` padding are used.
public enum Base64 {
    /// Encodes with the standard alphabet and padding.
    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var text = String(Base64URL.encode(bytes).map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while text.utf8.count % 4 != 0 { text.append("=") }
        return text
    }

    /// Decodes standard base64; padding is required to be correct when present.
    public static func decode(_ text: String) throws(JOSEError) -> [UInt8] {
        var body = Array(text.utf8)
        var padding = 0
        while body.last == UInt8(ascii: "=") && padding < 2 {
            body.removeLast()
            padding += 1
        }
        if padding > 0 && (body.count + padding) % 4 != 0 {
            throw JOSEError(.malformed, at: "", "base64: wrong padding")
        }
        for index in body.indices {
            switch body[index] {
            case UInt8(ascii: "+"): body[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): body[index] = UInt8(ascii: "_")
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                throw JOSEError(.malformed, at: "", "base64: '\(Character(Unicode.Scalar(body[index])))' at offset \(index) belongs to base64url, not standard base64")
            default: break
            }
        }
        return try body.withUnsafeBufferPointer { buffer throws(JOSEError) in
            do throws(JOSEError) { return try Base64URL.decode(buffer) } catch { throw JOSEError(.malformed, at: "", error.reason.replacingBase64URLWording()) }
        }
    }
}

private extension String {
    func replacingBase64URLWording() -> String {
        hasPrefix("base64url:") ? "base64:" + dropFirst("base64url:".count) : self
    }
}
