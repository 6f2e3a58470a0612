import DCR
import Hummingbird
import JOSE

/// `GET /ui/usage`: the usage reports as charts, for the signed-in dashboard. The form's choices become a report
/// query — the same one the report API answers at the URL the page links to — run with the admin's scope (every
/// application).
struct UsageController {
    let server: AuthorizationServer

    /// What the form asks for.
    struct Choice: Sendable {
        var metric = ReportMetric.requests
        var period = ReportDimension.day
        var group: ReportDimension? = nil
        var start = ""
        var end = ""

        /// The report API's path segments and query for this choice.
        var report: (segments: [String], query: String) {
            let time: [ReportDimension] = period == .hour ? [.year, .month, .day, .hour] : [.year, .month, .day]
            var query = "metrics=\(metric.rawValue)"
            for (name, value) in [("start", start), ("end", end)] where !value.isEmpty { query += "&\(name)=\(value.formURLEncoded)" }
            return ((group.map { [$0] } ?? []).map(\.rawValue) + time.map(\.rawValue), query)
        }
    }

    func addRoutes(to ui: RouterGroup<DCRRequestContext>) {
        ui.getAndHead("usage", use: chart)
    }

    @Sendable func chart(_ request: Request, context: DCRRequestContext) async throws -> Response {
        guard let session = DashboardSession.from(request, key: server.sessionKey) else {
            return DashboardController.redirect(DashboardController.Path.signIn)
        }
        let fields = request.parameters(formBody: nil)
        var choice = Choice()
        choice.metric = fields["metric"]?.first.flatMap(ReportMetric.init(rawValue:)) ?? .requests
        choice.period = fields["per"]?.first.flatMap(ReportDimension.init(rawValue:)).flatMap { $0 == .hour ? .hour : nil } ?? .day
        choice.group = fields["by"]?.first.flatMap(ReportDimension.init(rawValue:)).flatMap { group in
            UsagePage.groupLabels.contains { $0.0 == group } ? group : nil
        }
        choice.start = String((fields["start"]?.first ?? "").prefix(40))
        choice.end = String((fields["end"]?.first ?? "").prefix(40))
        do throws(DCRError) {
            let report = choice.report
            let query = try ReportQuery(segments: report.segments, query: report.query, accept: "application/json", now: NumericDate.now.secondsSinceEpoch)
            let rows = try await server.reports.run(query, scope: .allApplications)
            let chart = UsageChart(rows: rows, metric: choice.metric, metricLabel: UsagePage.metricLabels.first { $0.0 == choice.metric }?.1 ?? "",
                                   group: choice.group, groupLabel: UsagePage.groupLabels.first { $0.0 == choice.group && $0.0 != nil }?.1,
                                   reportURL: ReportLinks(query, base: DCRRoute.reports.path).selfHref)
            return UIPages.respond("usage", UsagePage(session: session, choice: choice, chart: chart))
        } catch {
            return UIPages.respond("usage", UsagePage(session: session, choice: choice, problem: "No chart: \(error.description)"), status: .badRequest)
        }
    }
}
