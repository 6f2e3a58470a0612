import Synchronization

/// The address the HTTP server listens on, known once it has bound (port 0 picks one): the base URL of discovery
/// metadata when no public URL is configured.
public final class BoundAddress: Sendable {
    private let value = Mutex<String?>(nil)

    public init() {}

    func set(host: String, port: Int) {
        let name = host.contains(":") ? "[\(host)]" : host
        value.withLock { $0 = "http://\(name):\(port)" }
    }

    /// `http://HOST:PORT`, or the loopback default before the server has bound.
    public var url: String { value.withLock { $0 } ?? "http://127.0.0.1" }
}
