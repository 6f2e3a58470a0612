/// Where a DCR server keeps its state: applications, clients, issued and revoked tokens, usage aggregates. The
/// domain (`RegistrationService`, `TokenService`, `ReportEngine`…) talks only to these repositories; each database
/// is one implementation (``SQLiteStore``, the embedded default), with its own SQL, migrations and connections.
/// Secrets are stored only as digests (``SecretDigest``) whatever the database.
public protocol DCRStore: Sendable {
    /// The registered applications.
    var applications: any ApplicationRepository { get }
    /// The registered clients.
    var clients: any ClientRepository { get }
    /// The access tokens issued, and their revocations.
    var tokens: any TokenRepository { get }
    /// The usage aggregates the reports read.
    var usage: any UsageRepository { get }
    /// Where the servers on a shared store keep their signing keys and admin token; nil when each server keeps its
    /// own in its state directory (SQLite).
    var sharedSecrets: (any SharedSecretRepository)? { get }
    /// Throttling per client IP with this rate and one-time burst: shared by every server on the store where it can be.
    func throttle(rate: Double, burst: Double) -> any RequestThrottling
    /// Where the state is, for messages: a file path or a database URL without its password.
    var location: String { get }
}
