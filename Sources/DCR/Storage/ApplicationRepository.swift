/// The registered applications (the dashboard's list), by id.
public protocol ApplicationRepository: Sendable {
    /// Stores `application` unless one with its id exists (atomically); whether it was stored.
    func insert(_ application: RegisteredApplication) async throws(DCRError) -> Bool
    /// Every application, oldest first (ties by id).
    func all() async throws(DCRError) -> [RegisteredApplication]
    /// The application with this (lower-case) id.
    func find(id: String) async throws(DCRError) -> RegisteredApplication?
    /// Marks the application revoked at `time`, unless it already is (its first revocation time stays).
    func revoke(id: String, at time: Double) async throws(DCRError)
    /// How many applications are stored.
    func count() async throws(DCRError) -> Int
}
