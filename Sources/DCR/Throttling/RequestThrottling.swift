/// Per-client-IP throttling (``RequestThrottle`` describes the rule): in one process's memory for the SQLite store,
/// in the shared database for PostgreSQL, so that several instances together admit exactly what one would.
public protocol RequestThrottling: Sendable {
    /// Requests per second a client gets, one per `1 / rate`-second window.
    var rate: Double { get }
    /// The one-time allowance on top of the rate.
    var burst: Double { get }
    /// Admits a request from `client`: nil when admitted, else the whole seconds until the next window opens (at least
    /// 1), for `Retry-After`. `now` is seconds on the throttle's own clock; nil reads that clock (tests give times).
    func admit(_ client: String, at now: Double?) async throws(DCRError) -> Int?
}
