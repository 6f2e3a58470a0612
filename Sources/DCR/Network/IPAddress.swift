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

/// A network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`, or a single address): the trusted proxies.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    /// Parses `ADDRESS/BITS` or a bare address (all bits); nil when either part is invalid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0])?.unmapped else { return nil }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let bits = Int(parts[1]), bits <= maximum else { return nil }
            length = bits
        }
        self.address = address
        self.prefixLength = length
    }

    public func contains(_ candidate: IPAddress) -> Bool {
        let candidate = candidate.unmapped
        guard candidate.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(address.bytes, candidate.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if mine & mask != theirs & mask { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(address)/\(prefixLength)" }
}

/// Who the client of a request is: the TCP peer, unless the peer is a configured proxy, in which case
/// `X-Forwarded-For` is read from the right, past every trusted proxy, to the first address the proxies did not add.
public struct ClientAddressResolver: Sendable {
    public let trustedProxies: [IPNetwork]

    public init(trustedProxies: [IPNetwork] = []) { self.trustedProxies = trustedProxies }

    func trusts(_ address: IPAddress) -> Bool { trustedProxies.contains { $0.contains(address) } }

    /// The client's address; nil only when the peer's address is unknown (not an IP connection).
    public func client(peer: IPAddress?, forwardedFor: [String]) -> IPAddress? {
        guard var current = peer?.unmapped else { return nil }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
        for hop in hops.reversed() {
            guard trusts(current), let address = IPAddress(hop.trimmingCharacters(in: .whitespaces))?.unmapped else { break }
            current = address
        }
        return current
    }
}
