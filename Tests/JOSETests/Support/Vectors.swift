import Foundation
import JOSE

/// The published test vectors in `../shared/vectors/`, beside the project root.
enum Vectors {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/vectors")

    /// Parses a vector file with the library's own strict JSON parser.
    static func load(_ relativePath: String) throws -> JSONValue {
        let data = try Data(contentsOf: root.appendingPathComponent(relativePath))
        return try JSONValue.parse(Array(data), limits: JSONLimits(maxDepth: 16, maxBytes: 64 << 20))
    }

    static func cases(_ file: String) throws -> [JSONValue] {
        try load("rfc/\(file)")["cases"]?.elements ?? []
    }
}

extension JSONValue {
    var string: String { stringValue ?? "" }
}

/// Hex decoding for Wycheproof fields.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    func value(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit - UInt8(ascii: "A") + 10
        }
    }
    return stride(from: 0, to: digits.count - 1, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}

/// A fixed clock before the RFC 7515 examples' `exp` (2011-03-22T18:43:00Z).
let rfcExampleTime = NumericDate(1_300_819_000)
