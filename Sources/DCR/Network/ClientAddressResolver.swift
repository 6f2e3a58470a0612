import Foundation

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
