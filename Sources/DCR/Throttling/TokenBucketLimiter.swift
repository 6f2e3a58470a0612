import Synchronization

/// Per-client-IP token buckets: each IP starts with `burst` tokens and regains `rate` per second up to `burst`.
/// In memory: one instance's state, not shared and not kept across restarts (throttling needs neither).
public final class TokenBucketLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let rate: Double
    public let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    private let capacity = 100_000

    public init(rate: Double = 1, burst: Double = 10) {
        self.rate = max(rate, 0.001)
        self.burst = max(burst, 1)
    }

    /// Takes a token for `client`: nil when admitted, else the whole seconds to wait (at least 1).
    public func admit(_ client: String, now: Double = NumericClock.seconds) -> Int? {
        buckets.withLock { buckets in
            if buckets.count >= capacity { buckets = buckets.filter { now - $0.value.updated < burst / rate } }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            defer { buckets[client] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}

/// Monotonic seconds since the process started, for rate limiting (wall-clock jumps must not refill buckets).
public enum NumericClock {
    private static let start = ContinuousClock.now

    public static var seconds: Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
