import NIOCore

/// How long a connection may take over each part of its life, and how many may be open at once.
public struct ConnectionLimits: Sendable {
    /// From the connection's start until its first request head is read: slow headers and silent connections.
    public var headerTimeout: TimeAmount
    /// From a request head until its body has been read in full: bodies that are never finished.
    public var bodyTimeout: TimeAmount
    /// From the end of a response until the next request head: idle keep-alive connections.
    public var idleTimeout: TimeAmount
    /// Connections served at once; further ones wait in the listen backlog until one closes.
    public var maximumConnections: Int

    public init(headerTimeout: TimeAmount = .seconds(10), bodyTimeout: TimeAmount = .seconds(30), idleTimeout: TimeAmount = .seconds(60),
                maximumConnections: Int = 1024) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }

    public static let standard = ConnectionLimits()
}
