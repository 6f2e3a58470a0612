extension LintRule {
    static let critInvalid = LintRule(
        id: "crit-invalid", severity: .error,
        summary: "crit is malformed, lists a registered or absent name, or an extension no verifier here understands.",
        citation: "RFC 7515 §4.1.11, RFC 7797 §6",
        rationale: "crit lists header extensions a verifier must understand, or else reject the token. It must be a non-empty array of names that are not JWS's own and that appear in the protected header. b64 must be listed in crit when present.") { token in
        guard let header = token.header, header["crit"] != nil || header["b64"] != nil else { return [] }
        do throws(JOSEError) {
            try JOSEHeader(protected: header, unprotected: nil).validate()
            return []
        } catch where error.code == .criticalHeader {
            return [LintIssue(error.reason, at: error.location)]
        } catch {
            return []
        }
    }
}
