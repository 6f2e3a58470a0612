import JOSE

/// `POST /o/client/register` (RFC 7591 §3): a validated statement for an approved application becomes a client
/// with fresh credentials. The secret is returned once and stored only as a digest.
public struct RegistrationService: Sendable {
    /// A successful registration.
    public struct Registered: Sendable {
        /// The RFC 7591 §3.2.1 response body.
        public let response: JSONValue
        public let clientID: String
        public let application: RegisteredApplication
        public let platform: String?
    }

    public static let maximumBodySize = 64 * 1024

    let clients: any ClientRepository
    let catalog: ApplicationCatalog
    let validator: StatementValidator
    let profile: ServerProfile

    public init(clients: any ClientRepository, catalog: ApplicationCatalog, validator: StatementValidator, profile: ServerProfile) {
        self.clients = clients
        self.catalog = catalog
        self.validator = validator
        self.profile = profile
    }

    /// Registers from a request body (JSON), its `Content-Type`, and the device the request describes.
    /// - Parameter configurationBase: the base URL of this server's RFC 7592 client configuration endpoints
    ///   (`https://dcr.example.com`), when client configuration is on: the response then carries
    ///   `registration_access_token` and `registration_client_uri` (`BASE/o/client/register/ID`).
    public func register(body: [UInt8], contentType: String?, device: DeviceInfo,
                         configurationBase: String? = nil) async throws(DCRError) -> Registered {
        let request = try RegistrationService.requestObject(body, contentType: contentType)
        guard let statement = try RegistrationService.statement(in: request) else {
            throw DCRError.oauth(.invalidRequest, "software_statement is required")
        }
        let resolved = try await resolve(request, statement: statement)
        let clientID = SecretGenerator.uuid()
        // adobe-pass: a UUID string (122 random bits), the shape real traffic shows; rfc: 256 random bits.
        let secret = profile == .adobePass ? SecretGenerator.uuid() : SecretGenerator.token()
        let registrationToken = configurationBase.map { _ in SecretGenerator.token() }
        let now = NumericDate.now.secondsSinceEpoch
        let record = ClientRecord(
            clientID: clientID, secretDigest: SecretDigest.digest(secret), applicationID: resolved.application.id, softwareID: resolved.softwareID,
            redirectURIs: resolved.redirectURIs, scopes: resolved.application.scopes, platform: device.platform, deviceInfo: device.json.compact,
            createdAt: now, registrationTokenDigest: registrationToken.map(SecretDigest.digest), softwareStatement: statement)
        try await clients.insert(record)
        // The service's members first, in its order; RFC 7592's after them.
        var members = [("client_id", JSONValue.string(clientID)), ("client_secret", .string(secret))] + metadata(record, softwareVersion: resolved.softwareVersion)
        if let registrationToken, let configurationBase {
            members += [("registration_access_token", .string(registrationToken)),
                        ("registration_client_uri", .string(configurationBase + DCRRoute.clientConfiguration(clientID)))]
        }
        let response = JSONValue.object(members)
        return Registered(response: response, clientID: clientID, application: resolved.application, platform: device.platform)
    }

    /// The RFC 7591 §3.2.1 members of `client` besides its credentials: issue time, redirect URIs, grant types, scopes,
    /// the authentication method and the software.
    func metadata(_ client: ClientRecord, softwareVersion: String) -> [(String, JSONValue)] {
        [
            ("client_id_issued_at", .integer(profile.issuedAt(client.createdAt))),
            ("client_secret_expires_at", 0),
            ("redirect_uris", .array(client.redirectURIs.map(JSONValue.string))),
            ("grant_types", ["client_credentials"]),
            ("scopes", .array(client.scopes.map(JSONValue.string))),
            ("scope", .string(client.scopes.joined(separator: " "))),
            ("token_endpoint_auth_method", "client_secret_post"),
            ("software_id", .string(client.softwareID)),
            ("software_version", .string(softwareVersion)),
        ]
    }

    /// What a registration request comes to: the statement validated, its application approved and active, and the
    /// redirect URIs (the statement's over the request's, RFC 7591 §3.1.1) within the application's domains.
    func resolve(_ request: JSONValue, statement: String) async throws(DCRError) -> Resolved {
        let validated = try validator.validate(statement)
        let application: RegisteredApplication
        if validated.issuer == catalog.issuer {
            guard let found = try await catalog.find(validated.softwareID) else {
                throw DCRError.oauth(.unapprovedSoftwareStatement, "no registered application \(validated.softwareID)")
            }
            application = found
        } else {
            application = try await catalog.adopt(id: validated.softwareID, issuer: validated.issuer,
                                            name: validated.claims["client_name"]?.stringValue ?? validated.softwareID,
                                            version: validated.claims["software_version"]?.stringValue ?? "unknown")
        }
        // An application belongs to exactly one issuer: a trusted foreign issuer cannot name a local application (or
        // another issuer's) and so register clients with its scopes, whatever the spelling of the id.
        guard application.issuer == validated.issuer else {
            throw DCRError.oauth(.unapprovedSoftwareStatement,
                                 "application \(application.id) belongs to another issuer; a statement registers only applications of its own issuer")
        }
        guard application.status == .active else {
            throw DCRError.oauth(.unapprovedSoftwareStatement, "application \(application.id) has been revoked")
        }
        let redirectURIs = try redirectURIs(statement: validated.claims, request: request)
        for uri in redirectURIs where !application.allowsRedirect(uri) {
            let domains = application.domains.isEmpty ? "it has none" : application.domains.joined(separator: ", ")
            throw DCRError.oauth(.invalidRedirectURI, "\(uri) is not within the application's domains (\(domains))")
        }
        return Resolved(application: application, softwareID: validated.softwareID, redirectURIs: redirectURIs,
                        softwareVersion: validated.claims["software_version"]?.stringValue ?? application.version)
    }

    /// A validated registration request.
    struct Resolved {
        let application: RegisteredApplication
        let softwareID: String
        let redirectURIs: [String]
        let softwareVersion: String
    }

    /// The body as a JSON object, from a request that says it is `application/json`.
    static func requestObject(_ body: [UInt8], contentType: String?) throws(DCRError) -> JSONValue {
        guard let contentType, contentType.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/json" else {
            throw DCRError.oauth(.invalidRequest, "Content-Type must be application/json, got \(contentType ?? "none")")
        }
        let request: JSONValue
        do { request = try JSONValue.parse(body, limits: JSONLimits(maxDepth: 16, maxBytes: RegistrationService.maximumBodySize)) } catch {
            throw DCRError.oauth(.invalidRequest, "the body is not valid JSON: \(error.reason)")
        }
        guard request.isObject else { throw DCRError.oauth(.invalidRequest, "the body must be a JSON object, found \(request.kind.phrase)") }
        return request
    }

    /// The request's `software_statement`; nil when it has none, refused when it is not a string.
    static func statement(in request: JSONValue) throws(DCRError) -> String? {
        guard let value = request["software_statement"] else { return nil }
        guard let text = value.stringValue else {
            throw DCRError.oauth(.invalidRequest, "software_statement must be a string, found \(value.excerpt)")
        }
        return text
    }

    private func redirectURIs(statement: JSONValue, request: JSONValue) throws(DCRError) -> [String] {
        if let list = statement["redirect_uris"] {
            return list.elements.compactMap(\.stringValue)
        }
        if let single = request["redirect_uri"] {
            guard let uri = single.stringValue else { throw DCRError.oauth(.invalidRequest, "redirect_uri must be a string, found \(single.excerpt)") }
            return [uri]
        }
        if let list = request["redirect_uris"] {
            guard list.kind == .array, list.elements.allSatisfy({ $0.kind == .string }) else {
                throw DCRError.oauth(.invalidRequest, "redirect_uris must be an array of strings")
            }
            return list.elements.compactMap(\.stringValue)
        }
        return []
    }
}
