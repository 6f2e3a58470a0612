import DCR
import Logging
import ServiceLifecycle

/// Writes the pending usage counts every ``UsageLog/flushInterval`` seconds while the server runs, so recorded
/// requests reach the usage tables at most that much later even when no further request comes (``UsageLog`` also
/// writes them before each report, and the server once more when it stops).
struct UsageFlushService: Service {
    let usage: UsageLog
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: .seconds(UsageLog.flushInterval))
                    do { try await usage.flush() } catch { logger.error("could not write the usage counts", metadata: ["reason": "\(error)"]) }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: the server writes what is left when it stops.
        }
    }
}
