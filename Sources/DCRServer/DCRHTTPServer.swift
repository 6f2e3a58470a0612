import DCR
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// The DCR server over HTTP (Hummingbird 2): routes grouped by resource, throttling and usage recording as middleware.
public enum DCRHTTPServer {
    /// The router for `server`.
    public static func router(for server: AuthorizationServer, address: BoundAddress = BoundAddress()) -> Router<DCRRequestContext> {
        let router = Router(context: DCRRequestContext.self)
        let addresses = ClientAddressResolver(trustedProxies: server.configuration.trustedProxies)
        if server.configuration.recordsUsage {
            router.add(middleware: UsageRecordingMiddleware(usage: server.usage, addresses: addresses))
        }
        let clients = router.group(RouterPath(DCRRoute.clientPrefix))
        clients.add(middleware: ThrottleMiddleware(limiter: server.limiter, addresses: addresses, profile: server.configuration.profile))
        ClientController(server: server, addresses: addresses, address: address).addRoutes(to: clients)
        DiscoveryController(server: server, address: address).addRoutes(to: router.group(RouterPath(DCRRoute.wellKnownPrefix)))
        ReportController(server: server).addRoutes(to: router)
        APIDescriptionController().addRoutes(to: router)
        let ui = router.group(RouterPath(DCRRoute.uiPrefix))
        ui.add(middleware: SecurityHeadersMiddleware())
        InspectorController(server: server).addRoutes(to: ui.group(RouterPath(DCRRoute.inspector.path(below: DCRRoute.uiPrefix))))
        AssetController().addRoutes(to: ui.group(RouterPath(DCRRoute.uiAssets.path(below: DCRRoute.uiPrefix))))
        DashboardController(server: server).addRoutes(to: ui)
        UsageController(server: server).addRoutes(to: ui)
        let admin = router.group(RouterPath(DCRRoute.adminPrefix))
        admin.add(middleware: AdminAuthenticationMiddleware(token: server.adminToken, profile: server.configuration.profile))
        AdminController(server: server).addRoutes(to: admin.group(RouterPath(DCRRoute.applications.path(below: DCRRoute.adminPrefix))))
        KeyController(server: server).addRoutes(to: admin.group(RouterPath(DCRRoute.keys.path(below: DCRRoute.adminPrefix))))
        return router
    }

    /// An application listening on `host:port` (0 picks a free port); `onRunning` receives the bound port.
    /// - Parameter limits: timeouts and the connection cap (``ConnectionLimits``).
    public static func application(for server: AuthorizationServer, host: String, port: Int, limits: ConnectionLimits = .standard,
                                   logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let address = BoundAddress()
        let channel = HTTP1Channel.Configuration(additionalChannelHandlers: [ConnectionGuard(limits: limits, logger: logger)])
        return Application(router: router(for: server, address: address),
                           server: .http1(configuration: channel),
                           configuration: .init(address: .hostname(host, port: port), serverName: "jwstool",
                                                availableConnectionsDelegate: ConnectionCounter(maximum: limits.maximumConnections, logger: logger)),
                           services: server.configuration.recordsUsage ? [UsageFlushService(usage: server.usage, logger: logger)] : [],
                           onServerRunning: { channel in
                               let bound = channel.localAddress?.port ?? port
                               address.set(host: host, port: bound)
                               await onRunning(bound)
                           },
                           logger: logger)
    }
}

/// A DCR server running inside this process on a loopback port: the embedded default of `jwstool register`, `token` and
/// `call`. The same HTTP server as `jwstool serve`, so embedded and remote use one client path.
public final class EmbeddedServer: Sendable {
    public let baseURL: String
    private let server: AuthorizationServer
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let logger: Logger

    private init(baseURL: String, server: AuthorizationServer, group: ServiceGroup, task: Task<Void, any Error>, logger: Logger) {
        self.baseURL = baseURL
        self.server = server
        self.group = group
        self.task = task
        self.logger = logger
    }

    /// Starts the server on 127.0.0.1 with an ephemeral port and returns once it accepts connections.
    public static func start(_ server: AuthorizationServer, limits: ConnectionLimits = .standard, logger: Logger) async throws -> EmbeddedServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = DCRHTTPServer.application(for: server, host: "127.0.0.1", port: 0, limits: limits, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            // Ends the port stream if the server stops (or never binds), so start() cannot wait forever.
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason = await task.result.failure.map { "\($0)" } ?? "it stopped"
            throw DCRError.storage("the embedded server did not start: \(reason)")
        }
        return EmbeddedServer(baseURL: "http://127.0.0.1:\(port)", server: server, group: group, task: task, logger: logger)
    }

    /// Stops gracefully: requests in flight finish first, then the pending usage counts are written.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
        do { try await server.usage.flush() } catch { logger.error("could not write the last usage counts", metadata: ["reason": "\(error)"]) }
    }
}
