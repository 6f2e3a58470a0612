import JOSE

/// Whose usage a report caller may read. A client reads its own application's usage (scope `usage:read`); the view
/// across applications, requests that belong to none included, needs `usage:read:all` or the admin token — as the real
/// service scopes reports to the programmer that owns the application.
public enum ReportScope: Sendable, Equatable {
    case allApplications
    case application(String)

    /// The scope that lets a client read its own application's usage.
    public static let ownUsage = "usage:read"
    /// The scope that lets a client read every application's usage.
    public static let allUsage = "usage:read:all"

    /// The report scope a valid access token grants.
    /// - Throws: `insufficient_scope` when the token carries neither report scope.
    public static func granted(to access: BearerValidator.Access) throws(DCRError) -> ReportScope {
        let scopes = Set(access.scopes)
        if scopes.contains(allUsage) { return .allApplications }
        if scopes.contains(ownUsage) { return .application(access.applicationID) }
        throw DCRError.oauth(.insufficientScope, "the report API needs the \(ownUsage) scope (or \(allUsage)); this client's application has neither")
    }
}
