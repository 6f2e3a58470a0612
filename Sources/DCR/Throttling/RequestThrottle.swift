import Synchronization

/// Per-client-IP throttling as the service's throttling page describes it (`[EL-THR]`, and its scenario table): one
/// request in each `1 / rate`-second window counted from the client's first request, plus a one-time allowance of
/// `burst` requests on top, spent when a window's request is already used and never given back. With the defaults
/// (rate 1, burst 10) requests at 0.0, 0.3, …, 2.2 s all pass (3 windows + 10), 2.4–2.8 s get 429 and 3.1 s passes.
///
/// In memory: one instance's state, not kept across restarts. When `capacity` clients are tracked, those idle for
/// longer than an hour are forgotten (a forgotten client's allowance starts again, the price of bounded memory).
public final class RequestThrottle: RequestThrottling {
    private struct Client {
        /// When the client's first request came: windows are counted from here.
        var start: Double
        /// The last window whose request was used.
        var lastWindow: Double
        var allowance: Double
        var lastSeen: Double
    }

    public let rate: Double
    public let burst: Double
    private let clients = Mutex<[String: Client]>([:])
    private let capacity: Int

    public init(rate: Double = 1, burst: Double = 10, capacity: Int = 100_000) {
        (self.rate, self.burst) = RequestThrottle.limits(rate: rate, burst: burst)
        self.capacity = max(capacity, 1)
    }

    public func admit(_ client: String, at now: Double?) async throws(DCRError) -> Int? {
        admit(client, now: now ?? NumericClock.seconds)
    }

    /// Admits a request from `client` at `now` (seconds): nil when admitted, else the whole seconds until the next
    /// window opens (at least 1), for `Retry-After`.
    public func admit(_ client: String, now: Double = NumericClock.seconds) -> Int? {
        clients.withLock { clients in
            if clients.count >= capacity { clients = clients.filter { now - $0.value.lastSeen < 3600 } }
            guard var state = clients[client] else {
                clients[client] = Client(start: now, lastWindow: 0, allowance: burst, lastSeen: now)
                return nil
            }
            defer { clients[client] = state }
            state.lastSeen = now
            let window = ((now - state.start) * rate).rounded(.down)
            if window > state.lastWindow {
                state.lastWindow = window
                return nil
            }
            if state.allowance >= 1 {
                state.allowance -= 1
                return nil
            }
            return RequestThrottle.retryAfter(start: state.start, lastWindow: state.lastWindow, rate: rate, now: now)
        }
    }
}

extension RequestThrottle {
    /// The rate and burst a throttle works with: at least one request in 1000 s, no negative allowance.
    static func limits(rate: Double, burst: Double) -> (rate: Double, burst: Double) {
        (max(rate, 0.001), max(burst, 0))
    }

    /// Whole seconds from `now` until the window after `lastWindow` opens (at least 1).
    static func retryAfter(start: Double, lastWindow: Double, rate: Double, now: Double) -> Int {
        let nextWindow = start + (lastWindow + 1) / rate
        return max(1, Int(min((nextWindow - now).rounded(.up), 86_400)))
    }
}

/// Monotonic seconds since the process started, for throttling (wall-clock jumps must not open windows).
public enum NumericClock {
    private static let start = ContinuousClock.now

    public static var seconds: Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
