extension LintRule {
    static let statementSoftwareIDSource = LintRule(
        id: "statement-software-id-source", severity: .notice,
        summary: "Which claim gave the software identifier: sub (the service's form) or a software_id that differs from sub.",
        citation: "RFC 7591 §2",
        rationale: "RFC 7591 registrars look for software_id; the service's own statements carry the application id in sub. Knowing which was used explains what `jwstool claims --software-id` prints and what a registrar will see.",
        profiles: [.softwareStatement]) { token in
        guard let claims = token.claims else { return [] }
        if claims["software_id"] == nil, let sub = claims["sub"]?.stringValue {
            return [LintIssue("software id taken from sub (\"\(sub)\"), as the service's statements carry it; RFC 7591 registrars expect software_id", at: "payload.sub")]
        }
        if let id = claims["software_id"]?.stringValue, let sub = claims["sub"]?.stringValue, id != sub {
            return [LintIssue("software_id \"\(id)\" differs from sub \"\(sub)\"; software_id is used", at: "payload.software_id")]
        }
        return []
    }
}
