import Foundation
import JOSE

/// The `X-Device-Info` header: standard Base64 of a JSON object describing the device (the service requires
/// model, version, osName, osVersion and connectionType; manufacturer, vendor, osFamily… are optional).
public struct DeviceInfo: Sendable {
    public static let headerName = "X-Device-Info"
    public static let requiredMembers = ["model", "version", "osName", "osVersion", "connectionType"]

    public let json: JSONValue

    /// The platform recorded for usage reports: `osName`.
    public var platform: String? { json["osName"]?.stringValue }

    public init(header: String?) throws(DCRError) {
        guard let header, !header.isEmpty else {
            throw DCRError.oauth(.invalidRequest, "the X-Device-Info header is required (Base64 of a JSON object with \(DeviceInfo.requiredMembers.joined(separator: ", ")))")
        }
        let bytes: [UInt8]
        do { bytes = try Base64.decode(header.trimmingCharacters(in: .whitespacesAndNewlines)) } catch {
            throw DCRError.oauth(.invalidRequest, "X-Device-Info is not standard Base64: \(error.reason)")
        }
        let json: JSONValue
        do { json = try JSONValue.parse(bytes, limits: JSONLimits(maxDepth: 4, maxBytes: 8 * 1024)) } catch {
            throw DCRError.oauth(.invalidRequest, "X-Device-Info is not a JSON object: \(error.reason)")
        }
        guard json.isObject else { throw DCRError.oauth(.invalidRequest, "X-Device-Info must be a JSON object, found \(json.kind.phrase)") }
        let missing = DeviceInfo.requiredMembers.filter { json[$0]?.stringValue?.isEmpty ?? true }
        if !missing.isEmpty {
            throw DCRError.oauth(.invalidRequest, "X-Device-Info lacks \(missing.joined(separator: ", ")) (each a non-empty string)")
        }
        self.json = json
    }

    /// A header value for `json`.
    public static func header(for json: JSONValue) -> String { Base64.encode(json.serialized()) }
}
