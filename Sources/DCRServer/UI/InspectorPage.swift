import DCR
import JOSE

/// What the inspector template shows: the form as submitted, and each token's facts (``TokenInspection``) in the
/// shape Mustache reads — a section per optional or list, a flag where the template needs one.
struct InspectorPage {
    struct Input {
        let token: String
        let keys: String
        let serverKeys: Bool
    }

    struct Results {
        let summary: String
        let tokens: [Token]
    }

    struct Token {
        let number: Int
        let label: String
        let profile: String
        let profileReason: String
        let verification: TokenInspection.Verification?
        let header: String?
        let payload: String?
        let payloadText: String?
        let hasTimes: Bool
        let times: [TokenInspection.TimeClaim]
        let errors: Int
        let errorsPlural: String
        let warnings: Int
        let warningsPlural: String
        let notices: Int
        let noticesPlural: String
        let hasFindings: Bool
        let findings: [TokenInspection.Finding]

        init(_ token: TokenInspection.Token, number: Int) {
            self.number = number
            label = token.label
            profile = token.profile
            profileReason = token.profileReason
            verification = token.verification
            header = token.header
            payload = token.payload
            payloadText = token.payloadText
            hasTimes = !token.times.isEmpty
            times = token.times
            (errors, errorsPlural) = (token.errors, token.errors == 1 ? "" : "s")
            (warnings, warningsPlural) = (token.warnings, token.warnings == 1 ? "" : "s")
            (notices, noticesPlural) = (token.notices, token.notices == 1 ? "" : "s")
            hasFindings = !token.findings.isEmpty
            findings = token.findings
        }
    }

    let input: Input
    let profiles: [FormOption]
    let problem: String?
    /// Said when the pasted keys held a private key or a secret, which the page does not show back.
    let keysNotShown: Bool
    let results: Results?

    static let profileLabels: [(value: String, label: String)] = [("", "Detect it from the claims")] + LintProfile.allCases.map {
        switch $0 {
        case .jwt: ($0.rawValue, "Any JWT (RFC 8725)")
        case .softwareStatement: ($0.rawValue, "Software statement (RFC 7591 §2.3)")
        case .accessToken: ($0.rawValue, "Access token (RFC 9068)")
        }
    }

    init(input: Input, profile: String, problem: String? = nil, inspection: TokenInspection? = nil) {
        self.input = input
        profiles = Self.profileLabels.map { FormOption(value: $0.value, label: $0.label, selected: $0.value == profile) }
        self.problem = problem ?? inspection?.keyProblem
        keysNotShown = inspection?.pastedSecrets ?? false
        results = inspection.map { inspection in
            let tokens = inspection.tokens.enumerated().map { Token($0.element, number: $0.offset + 1) }
            let failing = tokens.filter { $0.errors > 0 || $0.verification?.verified == false }.count
            let count = "\(tokens.count) token\(tokens.count == 1 ? "" : "s")"
            return Results(summary: failing == 0 ? count : "\(count), \(failing) with errors or a failed verification", tokens: tokens)
        }
    }
}
