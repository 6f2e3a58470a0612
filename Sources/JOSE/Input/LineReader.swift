#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Splits bytes into numbered lines as they arrive (LF or CRLF), in linear time, each trimmed of ASCII blanks
/// (space, tab, CR) at both ends. A line that arrives whole inside one chunk is decoded straight from it.
package struct LineReader {
    private var carry: [UInt8] = []
    private var number: Int

    /// - Parameter lines: how many lines came before the first byte fed (they are numbered on from there).
    package init(after lines: Int = 0) { number = lines }

    /// Calls `body` with each line that `bytes` completes.
    package mutating func feed(_ bytes: ArraySlice<UInt8>, _ body: (_ line: Int, _ text: String) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count, let newline = Self.newline(in: buffer, from: start) {
                number += 1
                if carry.isEmpty {
                    try body(number, Self.text(buffer[start..<newline]))
                } else {
                    carry += buffer[start..<newline]
                    try carry.withUnsafeBufferPointer { try body(number, Self.text($0[...])) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            carry += buffer[start...]
        }
    }

    /// The offset of the next LF at or after `start` (memchr: the scan that dominates splitting).
    private static func newline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The last line, when the input did not end with a newline.
    package mutating func finish() -> (line: Int, text: String)? {
        guard !carry.isEmpty else { return nil }
        number += 1
        defer { carry.removeAll() }
        return (number, carry.withUnsafeBufferPointer { Self.text($0[...]) })
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...last]), as: UTF8.self)
    }
}
