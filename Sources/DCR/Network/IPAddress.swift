import Foundation

/// An IPv4 or IPv6 address, parsed strictly (`inet_pton`) and printed canonically (`inet_ntop`): what the server
/// stores and throttles by, never the text a client sent.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    /// Parses a literal address (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`); nil for anything else.
    public init?(_ text: some StringProtocol) {
        var literal = String(text)
        if literal.hasPrefix("[") && literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        guard !literal.isEmpty, literal.utf8.count <= 45, literal.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        var storage = [UInt8](repeating: 0, count: 16)
        if literal.contains(":") {
            guard inet_pton(AF_INET6, literal, &storage) == 1 else { return nil }
            bytes = storage
        } else {
            guard inet_pton(AF_INET, literal, &storage) == 1 else { return nil }
            bytes = Array(storage.prefix(4))
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    /// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it carries, so both spellings match.
    public var unmapped: IPAddress {
        guard bytes.count == 16, bytes.prefix(10).allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF else { return self }
        return IPAddress(bytes: Array(bytes.suffix(4)))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = isIPv4 ? AF_INET : AF_INET6
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return "invalid" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
