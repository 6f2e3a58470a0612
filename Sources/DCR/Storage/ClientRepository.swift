/// The registered clients, by client id.
public protocol ClientRepository: Sendable {
    /// Stores a newly registered client; its secret is already a digest.
    func insert(_ client: ClientRecord) async throws(DCRError)
    /// The client with this id and its application, as token requests need them; nil when unknown.
    func credentials(of clientID: String) async throws(DCRError) -> ClientCredentials?
    /// How many clients are stored.
    func count() async throws(DCRError) -> Int
    /// The clients registered for `applicationID`, newest first, at most `limit`, each with when it last got a token.
    func clients(of applicationID: String, limit: Int) async throws(DCRError) -> [RegisteredClient]
    /// The client as stored, for RFC 7592 client configuration; nil when unknown.
    func record(of clientID: String) async throws(DCRError) -> ClientRecord?
    /// Replaces a client's metadata and registration token digest; false when it no longer exists.
    func update(_ client: ClientRecord) async throws(DCRError) -> Bool
    /// Deletes a client and every token issued to it; false when there was none.
    func delete(_ clientID: String) async throws(DCRError) -> Bool
}

/// A registered client as stored (RFC 7591 §3.2.1 metadata the server keeps).
public struct ClientRecord: Sendable, Equatable {
    public var clientID: String
    /// ``SecretDigest/digest(_:)`` of the client secret; the secret itself is never stored.
    public var secretDigest: String
    public var applicationID: String
    public var softwareID: String
    public var redirectURIs: [String]
    public var scopes: [String]
    /// The device's platform, from `X-Device-Info` or the user agent.
    public var platform: String?
    /// The device description the registration carried, as compact JSON.
    public var deviceInfo: String?
    /// Seconds since the epoch.
    public var createdAt: Double
    /// ``SecretDigest/digest(_:)`` of the RFC 7592 registration access token; nil when client configuration is off.
    public var registrationTokenDigest: String? = nil
    /// The software statement the client registered (or last updated) with: its metadata stays authoritative.
    public var softwareStatement: String? = nil
}

/// A client as a token request needs it: its application and the digest its secret must match.
public struct ClientCredentials: Sendable, Equatable {
    public var clientID: String
    public var secretDigest: String
    public var applicationID: String
    public var applicationName: String
    public var applicationActive: Bool
    public var scopes: [String]
    public var platform: String?
}

/// A registered client as the dashboard lists it: no secret, not even its digest.
public struct RegisteredClient: Sendable, Equatable {
    public var clientID: String
    public var platform: String?
    public var createdAt: Double
    /// When it was last issued an access token; nil if never.
    public var lastTokenAt: Double?
}
