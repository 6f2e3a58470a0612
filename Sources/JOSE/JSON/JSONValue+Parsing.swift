import CJansson

/// Bounds applied when parsing untrusted JSON.
public struct JSONLimits: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// The largest document accepted, in bytes.
    public var maxBytes: Int
    /// Reject documents that repeat a member name (always, for anything that is trusted). The linter turns it off
    /// only to read on past a duplicate it has already reported; jansson then keeps the last value.
    public var rejectsDuplicateMembers: Bool

    /// Limits; the defaults are ``standard``.
    public init(maxDepth: Int = 32, maxBytes: Int = 1 << 20, rejectsDuplicateMembers: Bool = true) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.rejectsDuplicateMembers = rejectsDuplicateMembers
    }

    /// For token headers, payloads, keys and registration requests: 32 levels, 1 MiB, duplicates rejected.
    public static let standard = JSONLimits()
}

extension JSONValue {
    /// Parses one JSON document strictly: duplicate member names, invalid UTF-8, `\u0000`, trailing bytes,
    /// nesting deeper than `limits.maxDepth` and numbers out of range are all rejected.
    /// - Throws: `JOSEError.malformed` saying what is wrong and at which line and column.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .standard) throws(JOSEError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JOSEError) in try parse(buffer, limits: limits) }
    }

    /// Parses UTF-8 text strictly, as the parser of bytes does.
    public static func parse(_ text: String, limits: JSONLimits = .standard) throws(JOSEError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }

    /// Parses bytes in place, without copying them.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits = .standard) throws(JOSEError) -> JSONValue {
        if buffer.count > limits.maxBytes {
            throw JOSEError(.malformed, at: "", "JSON document of \(buffer.count) bytes is larger than the limit of \(limits.maxBytes)")
        }
        if let depth = excessiveDepth(buffer, limit: limits.maxDepth) {
            throw JOSEError(.malformed, at: "", "JSON nesting reaches depth \(depth), deeper than the limit of \(limits.maxDepth)")
        }
        var error = json_error_t()
        let flags = Int((limits.rejectsDuplicateMembers ? JSON_REJECT_DUPLICATES : 0) | JSON_DECODE_ANY)
        let parsed = buffer.withMemoryRebound(to: CChar.self) { characters in
            json_loadb(characters.baseAddress, characters.count, flags, &error)
        }
        guard let parsed else { throw parseError(error, byteCount: buffer.count) }
        return JSONValue(adopting: parsed)
    }

    /// Finds nesting deeper than `limit` with one pass over the bytes, before jansson recurses into it.
    private static func excessiveDepth(_ buffer: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        // Fast path: fewer opening brackets in the whole document than the limit cannot nest deeper than it.
        var openings = 0
        for byte in buffer { openings &+= (byte | 0x20 == UInt8(ascii: "{")) ? 1 : 0 }
        if openings <= limit { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in buffer {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limit { return depth }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return nil
    }

    private static func parseError(_ error: json_error_t, byteCount: Int) -> JOSEError {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let reason: String
        // jansson appends "near '<token>'" to its messages; keep the token, reword the rest.
        let near = text.firstRange(of: " near '").map { String(text[$0.upperBound...].dropLast()) }
        if text.hasPrefix("duplicate object key") {
            reason = "duplicate member name \(near ?? "") (every member name must be unique, RFC 8259 §4, RFC 7515 §5.2)"
        } else if text.hasPrefix("end of file expected") {
            reason = "unexpected bytes after the JSON value"
        } else if text.hasPrefix("unable to decode byte") || text.contains("UTF-8") {
            reason = "invalid UTF-8 (\(text))"
        } else if text.contains("\\u0000") {
            reason = "\\u0000 is not allowed in strings"
        } else {
            reason = text
        }
        if byteCount == 0 { return JOSEError(.malformed, at: "", "empty JSON document") }
        return JOSEError(.malformed, at: "", "invalid JSON at line \(error.line), column \(error.column): \(reason)")
    }
}
