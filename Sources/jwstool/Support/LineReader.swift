import Foundation

/// Splits bytes into numbered, trimmed text lines as they arrive (LF or CRLF), in linear time.
struct LineReader {
    private var carry: [UInt8] = []
    private var number: Int

    /// - Parameter lines: how many lines came before the first byte fed (they are numbered on from there).
    init(after lines: Int = 0) { number = lines }

    /// The lines completed by `bytes`.
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [(line: Int, text: String)] {
        var lines: [(line: Int, text: String)] = []
        var rest = bytes
        while let newline = rest.firstIndex(of: 0x0A) {
            carry += rest[..<newline]
            rest = rest[(newline + 1)...]
            lines.append(take())
        }
        carry += rest
        return lines
    }

    /// The last line, when the input did not end with a newline.
    mutating func finish() -> (line: Int, text: String)? { carry.isEmpty ? nil : take() }

    private mutating func take() -> (line: Int, text: String) {
        number += 1
        let text = String(decoding: carry, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        carry.removeAll(keepingCapacity: true)
        return (number, text)
    }
}
