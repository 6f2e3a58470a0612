import DCR
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The request context: Hummingbird's core storage, the peer address, and a note handlers fill in for the usage event.
public struct DCRRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's IP address.
    public let peer: IPAddress?
    /// What the handlers learnt about the caller (client, application, platform), for the usage event.
    public let usage: UsageNote

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress.flatMap { IPAddress($0) }
        usage = UsageNote()
    }

    /// The client's IP address as `resolver` determines it: `X-Forwarded-For` counts only from trusted proxies.
    /// "unknown" when the connection has no IP peer.
    func clientIP(_ request: Request, resolver: ClientAddressResolver) -> String {
        resolver.client(peer: peer, forwardedFor: request.headers[values: .forwardedFor]).map(\.description) ?? "unknown"
    }
}

/// Facts about the caller that handlers discover while serving a request.
public final class UsageNote: Sendable {
    public struct Facts: Sendable {
        public var clientID: String?
        public var applicationID: String?
        public var applicationName: String?
        public var platform: String?
    }

    private let storage = Mutex(Facts())

    public func set(clientID: String? = nil, applicationID: String? = nil, applicationName: String? = nil, platform: String? = nil) {
        storage.withLock { facts in
            facts.clientID = clientID ?? facts.clientID
            facts.applicationID = applicationID ?? facts.applicationID
            facts.applicationName = applicationName ?? facts.applicationName
            facts.platform = platform ?? facts.platform
        }
    }

    public var facts: Facts { storage.withLock { $0 } }
}

extension HTTPField.Name {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let deviceInfo = HTTPField.Name("X-Device-Info")!
    static let retryAfter = HTTPField.Name("Retry-After")!
    static let pragma = HTTPField.Name("Pragma")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
