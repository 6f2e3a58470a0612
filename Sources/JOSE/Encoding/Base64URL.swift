/// Strict base64url (RFC 7515 §2, RFC 4648 §5): no padding, no whitespace, no `+` or `/`,
/// and the unused bits of the last character must be zero, so every byte string has exactly one encoding.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 0...63 for alphabet characters, 0xFF for everything else.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// Whether `byte` is one of the 64 characters of the base64url alphabet.
    public static func isAlphabet(_ byte: UInt8) -> Bool { decodeTable[Int(byte)] != 0xFF }

    /// Encodes bytes without padding.
    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }
        switch input.count - index {
        case 1:
            let chunk = UInt32(input[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
        case 2:
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
        default:
            break
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes strict base64url text.
    /// - Throws: `JOSEError.malformed` naming the offending character and its offset.
    public static func decode(_ text: String) throws(JOSEError) -> [UInt8] {
        try Array(text.utf8).withUnsafeBufferPointer { bytes throws(JOSEError) in try decode(bytes) }
    }

    /// Decodes strict base64url from raw bytes (e.g. a slice of a token), four characters at a time.
    public static func decode(_ encoded: UnsafeBufferPointer<UInt8>) throws(JOSEError) -> [UInt8] {
        let count = encoded.count
        if count % 4 == 1 {
            throw JOSEError(.malformed, at: "", "base64url: length \(count) is impossible (a length of 4n+1 characters cannot encode whole bytes)")
        }
        let outputCount = count / 4 * 3 + max(0, count % 4 - 1)
        var failure: JOSEError? = nil
        let output = [UInt8](unsafeUninitializedCapacity: outputCount) { buffer, initialized in
            decodeTable.withUnsafeBufferPointer { table in
                var input = 0
                var output = 0
                // Whole quads: any invalid character makes the OR of the four values have its top bit set.
                while input + 4 <= count {
                    let a = table[Int(encoded[input])], b = table[Int(encoded[input + 1])]
                    let c = table[Int(encoded[input + 2])], d = table[Int(encoded[input + 3])]
                    if (a | b | c | d) & 0x80 != 0 { break }
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    buffer[output] = UInt8(truncatingIfNeeded: chunk >> 16)
                    buffer[output + 1] = UInt8(truncatingIfNeeded: chunk >> 8)
                    buffer[output + 2] = UInt8(truncatingIfNeeded: chunk)
                    input += 4
                    output += 3
                }
                // The tail (2 or 3 characters), or the quad that held an invalid character.
                var accumulator: UInt32 = 0
                var bits = 0
                while input < count {
                    let value = table[Int(encoded[input])]
                    if value == 0xFF {
                        failure = invalidCharacter(encoded[input], at: input)
                        return
                    }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        buffer[output] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        output += 1
                        accumulator &= (1 << UInt32(bits)) - 1
                    }
                    input += 1
                }
                if bits > 0 && accumulator != 0 {
                    failure = JOSEError(.malformed, at: "", "base64url: the last character has non-zero unused bits (non-canonical encoding)")
                }
            }
            initialized = failure == nil ? outputCount : 0
        }
        if let failure { throw failure }
        return output
    }

    private static func invalidCharacter(_ character: UInt8, at offset: Int) -> JOSEError {
        let why: String
        switch character {
        case UInt8(ascii: "="): why = "padding '=' is not allowed in base64url"
        case UInt8(ascii: "+"), UInt8(ascii: "/"): why = "'\(Character(Unicode.Scalar(character)))' belongs to standard base64, not base64url (use '-' and '_')"
        case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): why = "whitespace is not allowed (was the token wrapped or copied with line breaks?)"
        case 0x21...0x7E: why = "'\(Character(Unicode.Scalar(character)))' is not a base64url character"
        default: why = "byte 0x\(String(character, radix: 16)) is not a base64url character"
        }
        return JOSEError(.malformed, at: "", "base64url: at offset \(offset): \(why)")
    }
}
