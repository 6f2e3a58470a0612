/// Splits bytes into numbered lines as they arrive (LF or CRLF), in linear time, each trimmed of ASCII blanks
/// (space, tab, CR) at both ends. A line that arrives whole inside one chunk is decoded straight from it.
struct LineReader {
    private var carry: [UInt8] = []
    private var number: Int

    /// - Parameter lines: how many lines came before the first byte fed (they are numbered on from there).
    init(after lines: Int = 0) { number = lines }

    /// Calls `body` with each line that `bytes` completes.
    mutating func feed(_ bytes: ArraySlice<UInt8>, _ body: (_ line: Int, _ text: String) throws -> Void) rethrows {
        var rest = bytes
        while let newline = rest.firstIndex(of: 0x0A) {
            number += 1
            if carry.isEmpty {
                try body(number, Self.text(rest[..<newline]))
            } else {
                carry += rest[..<newline]
                try body(number, Self.text(carry[...]))
                carry.removeAll(keepingCapacity: true)
            }
            rest = rest[(newline + 1)...]
        }
        carry += rest
    }

    /// The lines completed by `bytes`.
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [(line: Int, text: String)] {
        var lines: [(line: Int, text: String)] = []
        feed(bytes) { lines.append(($0, $1)) }
        return lines
    }

    /// The last line, when the input did not end with a newline.
    mutating func finish() -> (line: Int, text: String)? {
        guard !carry.isEmpty else { return nil }
        number += 1
        defer { carry.removeAll() }
        return (number, Self.text(carry[...]))
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
