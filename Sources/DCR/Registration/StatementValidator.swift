import JOSE

/// Checks a software statement before registration: trusted issuer, signature with that issuer's keys and an
/// asymmetric algorithm — or, for an issuer trusted with an `oct` key (a secret it shares with this server), HS256/384/512
/// too, since RFC 7591 §2.3 allows a statement that is signed *or MACed* — then the software-statement lint profile.
/// The server's own statements stay asymmetric: its statement key is never a secret. The statement's own `iss` only
/// selects which trusted key set to verify with.
public struct StatementValidator: Sendable {
    /// A verified statement.
    public struct Validated: Sendable {
        public let claims: JSONValue
        public let issuer: String
        /// `software_id`, else `sub`.
        public let softwareID: String
    }

    /// Issuers whose statements are accepted, each with its own keys.
    public let trustedIssuers: [String: KeySet]

    public static let allowedAlgorithms: Set<Algorithm> = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .es256, .es384, .es512, .edDSA]
    /// Accepted in addition from an issuer trusted with an `oct` key.
    public static let macAlgorithms: Set<Algorithm> = [.hs256, .hs384, .hs512]

    /// What checks one issuer's statements, prepared once: the verifier (its keys' OpenSSL contexts made) and the
    /// software-statement linter.
    private struct PreparedIssuer: Sendable {
        let verifier: TokenVerifier
        let linter: Linter
    }
    private let prepared: [String: PreparedIssuer]

    public init(trustedIssuers: [String: KeySet]) throws(DCRError) {
        self.trustedIssuers = trustedIssuers
        var prepared: [String: PreparedIssuer] = [:]
        for (issuer, keys) in trustedIssuers {
            let sharesSecret = keys.keys.contains { $0.type.isSymmetric }
            let algorithms = StatementValidator.allowedAlgorithms.union(sharesSecret ? StatementValidator.macAlgorithms : [])
            do {
                prepared[issuer] = PreparedIssuer(
                    verifier: TokenVerifier(keys: keys, options: .init(allowedAlgorithms: algorithms), requireCompact: true),
                    linter: try Linter(options: LintOptions(profile: .softwareStatement, keys: keys, sharedSecret: sharesSecret)))
            } catch {
                throw DCRError.storage("preparing the statement checks of \(issuer): \(error)")
            }
        }
        self.prepared = prepared
    }

    /// Validates `statement` at `now`: parsed once, its claims read once, its signature verified once with the
    /// issuer's prepared verifier, then linted from those results.
    public func validate(_ statement: String, at now: NumericDate = .now) throws(DCRError) -> Validated {
        let jws: JWS
        do { jws = try JWS.parse(statement) } catch { throw DCRError.oauth(.invalidSoftwareStatement, "malformed: \(error)") }
        guard jws.serialization == .compact else {
            throw DCRError.oauth(.invalidSoftwareStatement, "a software statement is a compact JWT, not a JWS JSON serialization")
        }
        let read: JSONValue?
        do { read = try jws.claimSet() } catch { throw DCRError.oauth(.invalidSoftwareStatement, "\(error)") }
        guard let claims = read else { throw DCRError.oauth(.invalidSoftwareStatement, "the payload is not a JSON object of claims") }
        guard let issuer = claims["iss"]?.stringValue, !issuer.isEmpty else {
            throw DCRError.oauth(.invalidSoftwareStatement, "payload.iss: missing; a statement must name its issuer (RFC 7591 §2.3)")
        }
        guard let checks = prepared[issuer] else {
            throw DCRError.oauth(.unapprovedSoftwareStatement, "issuer \"\(issuer)\" is not trusted by this server")
        }
        let result = checks.verifier.verify(jws, claims: claims, at: now)
        guard result.isValid, let verified = result.verified else {
            throw DCRError.oauth(.invalidSoftwareStatement, result.failures.map(\.description).joined(separator: "; "))
        }
        let check = LintedToken.SignatureCheck.verified(algorithm: verified.algorithm, key: verified.key.description)
        let errors = checks.linter.lint(jws, text: statement, claims: claims, signature: check, at: now).findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            let reasons = errors.prefix(5).map { "\($0.location): \($0.message) [\($0.rule.id)]" }
            throw DCRError.oauth(.invalidSoftwareStatement, reasons.joined(separator: "; "))
        }
        guard let softwareID = SoftwareID.value(in: claims) else {
            throw DCRError.oauth(.invalidSoftwareStatement, "the statement names no software (software_id or sub)")
        }
        guard !softwareID.isEmpty, softwareID.utf8.count <= 256, !softwareID.containsControlCharacters, !softwareID.containsBidiControls else {
            throw DCRError.oauth(.invalidSoftwareStatement, "software_id must be 1–256 bytes without control characters or bidirectional overrides")
        }
        return Validated(claims: claims, issuer: issuer, softwareID: softwareID)
    }
}
