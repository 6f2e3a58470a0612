import PostgresNIO
import Synchronization

/// ``RequestThrottle``'s rule kept in the shared `throttle_buckets` table: one `INSERT … ON CONFLICT DO UPDATE …
/// RETURNING` per request reads the client's bucket, opens a window or takes from the allowance, and answers — under
/// the row's lock, so requests from one client spread over several instances are counted exactly once each. Times come
/// from the database's clock, the one clock every instance shares. Buckets idle for an hour are deleted (at most every
/// ten minutes, by whichever instance notices): such a client starts again, as with the in-memory throttle.
final class PostgresThrottle: RequestThrottling {
    let store: PostgresStore
    let rate: Double
    let burst: Double
    private let lastSwept = Mutex<Double>(0)

    init(store: PostgresStore, rate: Double, burst: Double) {
        self.store = store
        (self.rate, self.burst) = RequestThrottle.limits(rate: rate, burst: burst)
    }

    func admit(_ client: String, at now: Double?) async throws(DCRError) -> Int? {
        // Every right-hand side of the update reads the row as it was (`b.`), so the window test is made once.
        let rows = try await store.rows("""
            WITH clock AS (SELECT coalesce($2::float8, extract(epoch FROM clock_timestamp())::float8) AS now)
            INSERT INTO throttle_buckets AS b (client, start, last_window, allowance, last_seen, admitted)
            SELECT $1, clock.now, 0, $4::float8, clock.now, true FROM clock
            ON CONFLICT (client) DO UPDATE SET
                last_window = greatest(b.last_window, floor((excluded.last_seen - b.start) * $3::float8)),
                allowance = CASE WHEN floor((excluded.last_seen - b.start) * $3::float8) > b.last_window OR b.allowance < 1
                                 THEN b.allowance ELSE b.allowance - 1 END,
                admitted = floor((excluded.last_seen - b.start) * $3::float8) > b.last_window OR b.allowance >= 1,
                last_seen = excluded.last_seen
            RETURNING admitted, start, last_window, last_seen
            """, [.text(client), now.map(SQLValue.real) ?? .null, .real(rate), .real(burst)])
        let answer: (admitted: Bool, start: Double, lastWindow: Double, now: Double)
        do {
            guard let row = rows.first else { throw DCRError.storage("PostgreSQL at \(store.url.redacted): the throttle answered nothing") }
            let (admitted, start, lastWindow, seen) = try row.decode((Bool, Double, Double, Double).self)
            answer = (admitted, start, lastWindow, seen)
        } catch {
            throw store.failure(error)
        }
        try await sweep(now: answer.now)
        if answer.admitted { return nil }
        return RequestThrottle.retryAfter(start: answer.start, lastWindow: answer.lastWindow, rate: rate, now: answer.now)
    }

    /// Deletes buckets idle for an hour, at most every ten minutes from this instance.
    private func sweep(now: Double) async throws(DCRError) {
        let due = lastSwept.withLock { last in
            guard now - last >= 600 else { return false }
            last = now
            return true
        }
        if due { _ = try await store.rows("DELETE FROM throttle_buckets WHERE last_seen < $1", [.real(now - 3600)]) }
    }
}
