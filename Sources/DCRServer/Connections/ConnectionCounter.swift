import HummingbirdCore
import Logging

/// Caps the connections served at once (``ConnectionLimits/maximumConnections``). At the cap the server stops
/// accepting, so new connections wait in the kernel's backlog, and says so once in the log until it is below the cap.
struct ConnectionCounter: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    private var open = 0

    init(maximum: Int, logger: Logger) {
        self.maximum = max(maximum, 1)
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        if open == maximum {
            logger.warning("connection limit reached: \(maximum) connections open; new connections wait until one closes (--max-connections)")
        }
    }

    mutating func connectionClosed() { open -= 1 }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
