import GRDB
import JOSE

/// One request the server handled, as the usage reports count it.
public struct UsageEvent: Sendable {
    public var time: Double
    /// The route, e.g. `/o/client/token` (never a query string: it may hold credentials).
    public var endpoint: String
    public var method: String
    public var status: Int
    public var clientID: String?
    public var applicationID: String?
    public var applicationName: String?
    public var platform: String?
    public var ip: String?

    public init(time: Double = NumericDate.now.secondsSinceEpoch, endpoint: String, method: String, status: Int,
                clientID: String? = nil, applicationID: String? = nil, applicationName: String? = nil, platform: String? = nil, ip: String? = nil) {
        self.time = time
        self.endpoint = endpoint
        self.method = method
        self.status = status
        self.clientID = clientID
        self.applicationID = applicationID
        self.applicationName = applicationName
        self.platform = platform
        self.ip = ip
    }
}

extension DCRDatabase {
    /// Records one event (a committed write). Events without a client — unauthenticated, throttled or malformed
    /// requests, which anyone can send as fast as they like — are counted in one row per minute, endpoint, method and
    /// status (keeping the first request's address), so such traffic cannot grow the table by a row a request.
    public func record(_ event: UsageEvent) throws(DCRError) {
        // The minute as a whole Double, not converted to an integer: `time` is public and may be any Double.
        let bucket = event.clientID == nil ? "\((event.time / 60).rounded(.down))|\(event.endpoint)|\(event.method)|\(event.status)" : nil
        try write { db in
            try db.execute(sql: """
                INSERT INTO usage_events (time, endpoint, method, status, client_id, application_id, application_name, platform, ip, bucket)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(bucket) DO UPDATE SET count = count + 1
                """, arguments: [event.time, event.endpoint, event.method, event.status, event.clientID, event.applicationID,
                                 event.applicationName, event.platform, event.ip, bucket])
        }
    }

    /// Deletes usage events recorded before `time`; returns how many.
    @discardableResult
    public func pruneUsage(before time: Double) throws(DCRError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM usage_events WHERE time < ?", arguments: [time])
            return db.changesCount
        }
    }
}
