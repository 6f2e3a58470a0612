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

/// Test-only keys and certificates in `Tests/JOSETests/Fixtures` (made with the openssl CLI).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: root.appendingPathComponent(name))) }

    static func key(_ name: String) throws -> Key {
        let keys = try KeyFile.keys(from: bytes(name))
        guard keys.count == 1, let key = keys.first else { throw JOSEError(.invalidArgument, at: name, "expected one key, found \(keys.count)") }
        return key
    }
}

/// A compact token from raw header and payload JSON text, signed with `key` (or with an empty signature).
func makeToken(header: String, payload: String, key: Key? = nil, algorithm: Algorithm? = nil) throws -> String {
    let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    guard let key, let algorithm else { return input + "." }
    return input + "." + Base64URL.encode(try algorithm.sign(Array(input.utf8), with: key))
}
