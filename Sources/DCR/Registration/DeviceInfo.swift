import Foundation
import JOSE

/// The `X-Device-Info` header: standard Base64 of a JSON object describing the device (`[EL-XDI]`: model, version,
/// osName, osVersion and connectionType marked required; manufacturer, vendor, osFamily… optional).
///
/// As the register and token pages say, the backend merges the values sent with values it extracts itself, and uses
/// the extracted ones alone when the header is absent: here `userAgent`, `osName` and `browserName` from `User-Agent`
/// and `connectionIp` from the peer (``UserAgentHints``). So a missing header, or a header without some "required"
/// member (the header page's own example has no `connectionType`), is accepted. A value that is not Base64 is refused
/// (400) in both profiles. A value whose JSON is broken — the register and token pages' own sample lacks a comma — is
/// read leniently in the `adobe-pass` profile (the members that can be read are kept) and refused in `rfc`.
public struct DeviceInfo: Sendable {
    public static let headerName = "X-Device-Info"
    public static let requiredMembers = ["model", "version", "osName", "osVersion", "connectionType"]

    /// Where the values came from.
    public enum Source: String, Sendable {
        /// A well-formed header, merged over the extracted values.
        case header
        /// A header whose JSON was broken: the members that could be read, merged over the extracted values.
        case recovered
        /// No header: the values extracted from `User-Agent` and the peer only.
        case extracted
    }

    /// The merged description (explicit members first, then extracted ones the header did not give).
    public let json: JSONValue
    public let source: Source

    /// The platform recorded for usage reports: `osName`.
    public var platform: String? { json["osName"]?.stringValue }

    /// - Parameters:
    ///   - header: the `X-Device-Info` value, if any.
    ///   - userAgent: the `User-Agent` value, if any.
    ///   - peer: the client's address (after trusted-proxy resolution).
    public init(header: String?, userAgent: String? = nil, peer: String? = nil, profile: ServerProfile = .adobePass) throws(DCRError) {
        let extracted = UserAgentHints.members(userAgent: userAgent, peer: peer)
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            self.json = .object(extracted)
            self.source = .extracted
            return
        }
        let bytes: [UInt8]
        do { bytes = try Base64.decode(header) } catch {
            throw DCRError.oauth(.invalidRequest, "X-Device-Info is not standard Base64: \(error.reason)")
        }
        var explicit: [(String, JSONValue)]
        var source = Source.header
        switch Result(catching: { () throws(JOSEError) in try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 4, maxBytes: 8 * 1024)) }) {
        case .success(let json):
            guard json.isObject else { throw DCRError.oauth(.invalidRequest, "X-Device-Info must be a JSON object, found \(json.kind.phrase)") }
            explicit = json.members.map { ($0.name, $0.value) }
        case .failure(let error):
            guard profile == .adobePass, let recovered = Self.recoverMembers(bytes), !recovered.isEmpty else {
                throw DCRError.oauth(.invalidRequest, "X-Device-Info is not a JSON object: \(error.reason)")
            }
            explicit = recovered
            source = .recovered
        }
        let given = Set(explicit.map(\.0))
        explicit += extracted.filter { !given.contains($0.0) }
        self.json = .object(explicit)
        self.source = source
    }

    /// A header value for `json`.
    public static func header(for json: JSONValue) -> String { Base64.encode(json.serialized()) }

    /// The `"name": value` pairs of a JSON object that does not parse (a missing comma, say): each member whose name
    /// is a JSON string and whose value is a JSON string, number, `true`, `false` or `null`, in order. Nil when the
    /// text is not an object at all (it must start with `{` and end with `}`), or too large.
    static func recoverMembers(_ bytes: [UInt8]) -> [(String, JSONValue)]? {
        guard bytes.count <= 8 * 1024, let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}") else { return nil }
        var members: [(String, JSONValue)] = []
        var seen = Set<String>()
        let characters = Array(trimmed.utf8)
        var index = 1
        while index < characters.count - 1 {
            guard characters[index] == UInt8(ascii: "\""), let nameEnd = Self.stringEnd(characters, from: index) else {
                index += 1
                continue
            }
            let name = (try? JSONValue.parse(Array(characters[index..<nameEnd])))?.stringValue
            index = nameEnd
            var cursor = index
            while cursor < characters.count, characters[cursor].isJSONWhitespace { cursor += 1 }
            guard let name, cursor < characters.count, characters[cursor] == UInt8(ascii: ":") else { continue }
            cursor += 1
            while cursor < characters.count, characters[cursor].isJSONWhitespace { cursor += 1 }
            var end = cursor
            if cursor < characters.count, characters[cursor] == UInt8(ascii: "\"") {
                // An unterminated string leaves nothing more to read.
                guard let valueEnd = Self.stringEnd(characters, from: cursor) else { break }
                end = valueEnd
            } else {
                while end < characters.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x0A, 0x0D].contains(characters[end]) { end += 1 }
            }
            index = end
            // A value that does not decode (a \u0000, a nested or over-deep value) is dropped; reading goes on after it.
            guard case let value? = try? JSONValue.parse(Array(characters[cursor..<end])), value.kind != .object, value.kind != .array,
                  !seen.contains(name) else { continue }
            seen.insert(name)
            members.append((name, value))
        }
        return members
    }

    /// The offset just past the closing quote of the JSON string that starts at `start` (a `"`); nil when unterminated.
    private static func stringEnd(_ characters: [UInt8], from start: Int) -> Int? {
        var end = start + 1
        while end < characters.count, characters[end] != UInt8(ascii: "\"") {
            end += characters[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        return end < characters.count ? end + 1 : nil
    }
}
