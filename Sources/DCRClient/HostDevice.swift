import DCR
import Foundation
import JOSE

/// This host as an `X-Device-Info` object: the members the header page marks required, from `uname`.
public enum HostDevice {
    /// - Parameter version: the client's version (the `version` member).
    static func description(version: String) -> JSONValue {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return .object([
            ("model", .string(field(name.machine))), ("version", .string(version)),
            ("osName", .string(field(name.sysname))), ("osVersion", .string(field(name.release))),
            ("connectionType", "unknown"), ("applicationId", "jwstool"),
        ])
    }

    /// The `X-Device-Info` value for ``description(version:)``.
    public static func header(version: String) -> String { DeviceInfo.header(for: description(version: version)) }
}
