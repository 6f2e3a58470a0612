import DCR

/// What the usage page shows: the chart's choices as the form offers them, and the chart of the report they ask for.
struct UsagePage {
    let session: DashboardSession
    let metrics: [FormOption]
    let periods: [FormOption]
    let groups: [FormOption]
    let start: String
    let end: String
    let problem: String?
    let chart: UsageChart?

    static let metricLabels: [(ReportMetric, String)] = [
        (.requests, "Requests"), (.tokensIssued, "Tokens issued"), (.registrations, "Registrations"), (.throttled, "Throttled (429)"),
        (.failedAttempts, "Failed attempts"), (.activeClients, "Active clients"),
    ]
    static let periodLabels: [(ReportDimension, String)] = [(.day, "Day"), (.hour, "Hour")]
    static let groupLabels: [(ReportDimension?, String)] = [(nil, "Nothing (all together)"), (.endpoint, "Endpoint"), (.application, "Application"),
                                                            (.platform, "Platform"), (.status, "Status")]

    init(session: DashboardSession, choice: UsageController.Choice, problem: String? = nil, chart: UsageChart? = nil) {
        self.session = session
        metrics = Self.metricLabels.map { FormOption(value: $0.0.rawValue, label: $0.1, selected: $0.0 == choice.metric) }
        periods = Self.periodLabels.map { FormOption(value: $0.0.rawValue, label: $0.1, selected: $0.0 == choice.period) }
        groups = Self.groupLabels.map { FormOption(value: $0.0?.rawValue ?? "", label: $0.1, selected: $0.0 == choice.group) }
        start = choice.start
        end = choice.end
        self.problem = problem
        self.chart = chart
    }
}
