extension UInt8 {
    /// JSON's insignificant whitespace (RFC 8259 §2): space, horizontal tab, line feed, carriage return.
    public var isJSONWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}

extension Collection where Element == UInt8 {
    /// Whether the first byte that is not JSON whitespace is `{`: the bytes are meant as a JSON object.
    public var opensJSONObject: Bool { first { !$0.isJSONWhitespace } == UInt8(ascii: "{") }
}
