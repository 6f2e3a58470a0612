import DCR
import Foundation
import Hummingbird
import JOSE

/// The dashboard, `/ui/…`: sign in with the admin token, list and create applications, download a fresh software
/// statement, revoke. Plain HTML forms (they work without JavaScript); every `POST` but the sign-in needs the session's
/// CSRF token, and every page but the sign-in needs the session.
struct DashboardController {
    let server: AuthorizationServer

    /// Where the dashboard's pages are, below `/ui`.
    enum Path {
        static let home = DCRRoute.uiPrefix + "/"
        static let signIn = DCRRoute.uiPrefix + "/signin"
        static let applications = DCRRoute.uiPrefix + "/applications"
        static func application(_ id: String) -> String { applications + "/" + id }
    }

    /// The most clients an application's page lists.
    static let clientsShown = 200

    func addRoutes(to ui: RouterGroup<DCRRequestContext>) {
        ui.getAndHead(use: list)
        ui.getAndHead("signin", use: signInForm)
        ui.post("signin", use: signIn)
        ui.post("signout", use: signOut)
        ui.post("applications", use: create)
        ui.getAndHead("applications/:id", use: show)
        ui.post("applications/:id/statement", use: statement)
        ui.post("applications/:id/revoke", use: revoke)
    }

    private var secure: Bool { server.configuration.publicURL?.lowercased().hasPrefix("https://") == true }

    @Sendable func signInForm(_ request: Request, context: DCRRequestContext) async throws -> Response {
        UIPages.respond("signin", DashboardPages.SignIn(problem: nil))
    }

    @Sendable func signIn(_ request: Request, context: DCRRequestContext) async throws -> Response {
        let fields = await Self.form(request)
        guard let token = fields["admin_token"]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), server.adminToken.accepts(token) else {
            context.logger.notice("dashboard sign-in refused")
            return UIPages.respond("signin", DashboardPages.SignIn(problem: "Refused: that is not this server's admin token."),
                                   status: .unauthorized)
        }
        do throws(DCRError) {
            let (cookie, _) = try DashboardSession.open(with: server.sessionKey)
            var response = Self.redirect(Path.home)
            response.setCookie(DashboardSession.cookie(cookie, secure: secure))
            return response
        } catch {
            return Responses.text("\(error)\n", status: .internalServerError)
        }
    }

    @Sendable func signOut(_ request: Request, context: DCRRequestContext) async throws -> Response {
        await changing(request) { _, _ in
            var response = Self.redirect(Path.signIn)
            response.setCookie(DashboardSession.clearing(secure: secure))
            return response
        }
    }

    @Sendable func list(_ request: Request, context: DCRRequestContext) async throws -> Response {
        guard let session = session(request) else { return Self.redirect(Path.signIn) }
        do throws(DCRError) {
            return UIPages.respond("applications", DashboardPages.Applications(session: session, applications: try await server.catalog.list()))
        } catch { return failure(error) }
    }

    @Sendable func create(_ request: Request, context: DCRRequestContext) async throws -> Response {
        await changing(request) { session, fields in
            let value = { (name: String) in fields[name]?.first ?? "" }
            let form = DashboardPages.Form(name: value("name"), version: value("version"), platforms: value("platforms"), domains: value("domains"),
                                           scopes: value("scopes"))
            let list = { (text: String) in text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
            do throws(DCRError) {
                let created = try await server.catalog.create(NewApplication(name: form.name, version: form.version, platforms: list(form.platforms),
                                                                             domains: list(form.domains), scopes: list(form.scopes)))
                return Self.redirect(Path.application(created.id))
            } catch {
                let applications = (try? await server.catalog.list()) ?? []
                return UIPages.respond("applications", DashboardPages.Applications(session: session, applications: applications, form: form,
                                                                                   problem: "Not created: \(error.description)"),
                                       status: .badRequest)
            }
        }
    }

    @Sendable func show(_ request: Request, context: DCRRequestContext) async throws -> Response {
        guard let session = session(request) else { return Self.redirect(Path.signIn) }
        do throws(DCRError) {
            let application = try await server.catalog.require(try id(context))
            let clients = try await server.store.clients.clients(of: application.id, limit: Self.clientsShown)
            return UIPages.respond("application", DashboardPages.ApplicationDetail(session: session, application: application, clients: clients))
        } catch { return failure(error) }
    }

    @Sendable func statement(_ request: Request, context: DCRRequestContext) async throws -> Response {
        await changing(request) { _, _ in
            do throws(DCRError) {
                let application = try await server.catalog.require(try id(context))
                let statement = try await server.catalog.mintStatement(for: application.id)
                let name = String(application.name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(60))
                return Responses.text(statement + "\n", status: .ok, contentType: "application/jwt", headers: [
                    .contentDisposition: "attachment; filename=\"\(name.isEmpty ? "application" : name)-statement.jwt\"", .cacheControl: "no-store",
                ])
            } catch { return failure(error) }
        }
    }

    @Sendable func revoke(_ request: Request, context: DCRRequestContext) async throws -> Response {
        await changing(request) { _, _ in
            do throws(DCRError) {
                let application = try await server.catalog.revoke(try id(context))
                return Self.redirect(Path.application(application.id))
            } catch { return failure(error) }
        }
    }

    // MARK: - Sessions, forms, answers

    private func session(_ request: Request) -> DashboardSession? {
        DashboardSession.from(request, key: server.sessionKey)
    }

    /// Runs a state-changing form: only in a session, only with its CSRF token (403 otherwise).
    private func changing(_ request: Request, _ body: (DashboardSession, [String: [String]]) async -> Response) async -> Response {
        guard let session = session(request) else { return Self.redirect(Path.signIn) }
        let fields = await Self.form(request)
        guard session.accepts(fields["csrf"]?.first) else {
            return Responses.text("Refused: this form did not come from this dashboard's page, or its page is too old. Reload the page and try again.\n",
                                  status: .forbidden)
        }
        return await body(session, fields)
    }

    /// The fields of an `application/x-www-form-urlencoded` body of at most 64 KiB (none when larger).
    private static func form(_ request: Request) async -> [String: [String]] {
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else { return [:] }
        return request.parameters(formBody: body)
    }

    /// 303 to a dashboard page (never cached).
    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    private func id(_ context: DCRRequestContext) throws(DCRError) -> String {
        guard let id = context.parameters.get("id") else { throw DCRError.badRequest("an application id is required") }
        return id
    }

    private func failure(_ error: DCRError) -> Response {
        switch error {
        case .notFound(let text): Responses.text("Not found: \(text)\n", status: .notFound)
        case .badRequest(let text): Responses.text("Refused: \(text)\n", status: .badRequest)
        default: Responses.failure(error, profile: server.configuration.profile)
        }
    }
}
