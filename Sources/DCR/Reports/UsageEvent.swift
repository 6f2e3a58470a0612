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
