extension LintRule {
    /// Every rule, in the order they are listed and reported: structure, JWT best practice, software statement,
    /// access token.
    public static let all: [LintRule] = [
        // Structure
        .tokenSegments, .tokenWhitespace, .jsonSerialization, .base64urlStrict, .headerNotJSONObject, .payloadNotJSONObject,
        .jsonDuplicateMember, .jsonInvalidUTF8, .tokenSize,
        // JWT best current practice (RFC 8725)
        .algNone, .algMissing, .algUnknown, .algSymmetric, .headerUntrustedKey, .kidUnsafe, .critInvalid, .b64InJWT,
        .timeClaimType, .timeClaimMilliseconds, .notBeforeAfterExpiry, .issuedInFuture, .lifetimeTooLong, .tokenExpired,
        .typeMissing, .nestedJWT, .keyWeak, .signatureInvalid, .signatureUnchecked,
        // Software statements (RFC 7591)
        .statementIssuerMissing, .statementSoftwareIDMissing, .statementSoftwareIDSource, .statementSoftwareIDFormat,
        .statementSoftwareVersionType, .statementForbiddenMember, .redirectURIForm, .redirectURIInsecure,
        .redirectURIDangerousScheme, .grantAndResponseTypes, .tokenEndpointAuthMethod, .jwksAndJWKSURI,
        .statementAlgSymmetric, .statementExpiryAbsent,
        // Access tokens (RFC 9068)
        .accessTokenType, .accessTokenClaims, .accessTokenScope, .accessTokenServiceScopes, .accessTokenAlgAsymmetric,
    ]

    /// The rules as a Markdown table (README's list of rules is generated from this).
    public static var markdownTable: String {
        var lines = ["| id | severity | profiles | summary | citation |", "| --- | --- | --- | --- | --- |"]
        for rule in all {
            let profiles = rule.profiles.count == LintProfile.allCases.count
                ? "all" : LintProfile.allCases.filter(rule.profiles.contains).map(\.rawValue).joined(separator: ", ")
            lines.append("| `\(rule.id)` | \(rule.severity.rawValue) | \(profiles) | \(rule.summary) | \(rule.citation) |")
        }
        return lines.joined(separator: "\n")
    }
}
