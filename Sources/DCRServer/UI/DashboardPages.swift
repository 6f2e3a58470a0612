import DCR
import JOSE

/// What the dashboard's templates show: the sign-in form, the applications with the create form, one application with
/// its clients. Every page of a signed-in session carries `session` (its CSRF token, for the forms). Mustache reads
/// stored properties only, so every flag a template tests is stored.
enum DashboardPages {
    struct SignIn {
        let problem: String?
        let session: DashboardSession? = nil
    }

    /// An application as a table row or a page shows it: lists joined, times in UTC.
    struct Application {
        let id: String, name: String, version: String, platforms: String, domains: String, scopes: String, issuer: String
        let status: String, created: String, revoked: String?

        init(_ application: RegisteredApplication) {
            id = application.id
            name = application.name
            version = application.version
            platforms = application.platforms.joined(separator: ", ")
            domains = application.domains.joined(separator: ", ")
            scopes = application.scopes.joined(separator: " ")
            issuer = application.issuer
            status = application.status.rawValue
            created = DashboardPages.utc(application.createdAt)
            revoked = application.revokedAt.map(DashboardPages.utc)
        }
    }

    /// The create form's values, kept when it is refused.
    struct Form {
        var name = "", version = "1.0.0", platforms = "", domains = "", scopes = ""
    }

    struct Applications {
        let session: DashboardSession
        let applications: [Application]
        let hasApplications: Bool
        let form: Form
        let problem: String?

        init(session: DashboardSession, applications: [RegisteredApplication], form: Form = Form(), problem: String? = nil) {
            self.session = session
            self.applications = applications.map(Application.init)
            hasApplications = !applications.isEmpty
            self.form = form
            self.problem = problem
        }
    }

    struct Client {
        let clientID: String, platform: String, registered: String, lastUse: String

        init(_ client: RegisteredClient) {
            clientID = client.clientID
            platform = client.platform ?? ""
            registered = DashboardPages.utc(client.createdAt)
            lastUse = client.lastTokenAt.map(DashboardPages.utc) ?? "never"
        }
    }

    struct ApplicationDetail {
        let session: DashboardSession
        let application: Application
        let active: Bool
        let clients: [Client]
        let hasClients: Bool

        init(session: DashboardSession, application: RegisteredApplication, clients: [RegisteredClient]) {
            self.session = session
            self.application = Application(application)
            active = application.status == .active
            self.clients = clients.map(Client.init)
            hasClients = !clients.isEmpty
        }
    }

    /// `2026-12-05 09:30:00` (UTC).
    static func utc(_ seconds: Double) -> String {
        NumericDate(seconds).iso8601.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
    }
}
