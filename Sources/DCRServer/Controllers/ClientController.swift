import DCR
import JOSE
import Hummingbird
import Logging

/// `/o/client/…`: registration (RFC 7591), token (client_credentials), introspection (RFC 7662), revocation (RFC 7009),
/// and the two endpoints the throttling page lists without documenting (`scopes`, `validate`), inferred from their
/// names: the scopes of the caller's access token, and the validation of that token.
struct ClientController {
    let server: AuthorizationServer
    let addresses: ClientAddressResolver
    let address: BoundAddress

    var profile: ServerProfile { server.configuration.profile }

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        func below(_ route: DCRRoute) -> RouterPath { RouterPath(route.path(below: DCRRoute.clientPrefix)) }
        group.post(below(.register), use: register)
        if server.clientConfiguration != nil {
            let configuration = RouterPath(DCRRoute.register.path(below: DCRRoute.clientPrefix) + "/:client_id")
            group.get(configuration, use: readConfiguration)
            group.put(configuration, use: updateConfiguration)
            group.delete(configuration, use: deleteConfiguration)
        }
        group.post(below(.token), use: token)
        group.post(below(.introspect), use: introspect)
        group.post(below(.revoke), use: revoke)
        group.get(below(.scopes), use: scopes)
        group.post(below(.scopes), use: scopes)
        group.get(below(.validate), use: validate)
        group.post(below(.validate), use: validate)
    }

    /// `GET|POST /o/client/scopes` with a bearer access token: `{"scopes": […]}`, what the token may be used for.
    @Sendable func scopes(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let access = try await bearer(request, context: context)
            return Responses.json(.object([("scopes", .array(access.scopes.map(JSONValue.string)))]), noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    /// `GET|POST /o/client/validate` with a bearer access token: 200 with what the token is, or the protected APIs'
    /// 401 (`WWW-Authenticate` and the enhanced error body) saying why it is not valid.
    @Sendable func validate(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let access = try await bearer(request, context: context)
            var members: [(String, JSONValue)] = [("valid", true), ("client_id", .string(access.clientID)),
                                                  ("scopes", .array(access.scopes.map(JSONValue.string)))]
            if let exp = access.claims["exp"]?.integerValue { members.append(("expires_at", .integer(exp))) }
            return Responses.json(.object(members), noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    private func bearer(_ request: Request, context: DCRRequestContext) async throws(DCRError) -> BearerValidator.Access {
        let access = try await server.bearer.validate(try request.bearerToken())
        context.usage.set(clientID: access.clientID, applicationID: access.applicationID, applicationName: access.applicationName, platform: access.platform)
        return access
    }

    @Sendable func register(_ request: Request, context: DCRRequestContext) async throws -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: RegistrationService.maximumBodySize) else { return bodyTooLarge }
        do throws(DCRError) {
            let device = try deviceInfo(request, context: context)
            let registered = try await server.registration.register(body: Array(buffer: body), contentType: request.headers[.contentType], device: device,
                                                                    configurationBase: server.clientConfiguration == nil ? nil : baseURL)
            context.usage.set(clientID: registered.clientID, applicationID: registered.application.id,
                              applicationName: registered.application.name, platform: registered.platform)
            context.logger.info("registered a client", metadata: ["client_id": "\(registered.clientID)", "application": "\(registered.application.id)"])
            return Responses.json(registered.response, status: .created, noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    /// RFC 7592 §2.1: `GET /o/client/register/ID` with the registration access token.
    @Sendable func readConfiguration(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let (service, id) = try configuration(context)
            return Responses.json(try await service.read(id, token: try? request.bearerToken(), clientURI: clientURI(id)), noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    /// RFC 7592 §2.2: `PUT /o/client/register/ID`, the client's whole metadata as JSON.
    @Sendable func updateConfiguration(_ request: Request, context: DCRRequestContext) async throws -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: RegistrationService.maximumBodySize) else { return bodyTooLarge }
        do throws(DCRError) {
            let (service, id) = try configuration(context)
            let answer = try await service.update(id, token: try? request.bearerToken(), body: Array(buffer: body),
                                                  contentType: request.headers[.contentType], clientURI: clientURI(id))
            context.logger.info("updated a client's registration", metadata: ["client_id": "\(id)"])
            return Responses.json(answer, noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    /// RFC 7592 §2.3: `DELETE /o/client/register/ID` — 204, and the client is gone.
    @Sendable func deleteConfiguration(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let (service, id) = try configuration(context)
            try await service.delete(id, token: try? request.bearerToken())
            context.logger.info("deleted a client", metadata: ["client_id": "\(id)"])
            return Response(status: .noContent, headers: [.cacheControl: "no-store"])
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    private func configuration(_ context: DCRRequestContext) throws(DCRError) -> (ClientConfigurationService, String) {
        guard let service = server.clientConfiguration, let id = context.parameters.get("client_id") else {
            throw DCRError.notFound("client configuration is off on this server")
        }
        return (service, id)
    }

    /// 413 for a registration body over the limit, with the OAuth error body.
    private var bodyTooLarge: Response {
        var response = Responses.oauthError(.invalidRequest, "the body is larger than \(RegistrationService.maximumBodySize) bytes", profile: profile)
        response.status = .contentTooLarge
        return response
    }

    /// The server's public URL, else its bound address.
    private var baseURL: String { server.configuration.publicURL ?? address.url }

    /// The `registration_client_uri` of client `id`.
    private func clientURI(_ id: String) -> String { baseURL + DCRRoute.clientConfiguration(id) }

    @Sendable func token(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let device = try deviceInfo(request, context: context)
            let (parameters, credentials) = try await clientRequest(request)
            let grantType = try single("grant_type", parameters)
            let issued = try await server.tokens.issue(grantType: grantType, credentials: credentials)
            context.usage.set(clientID: issued.clientID, applicationID: issued.applicationID, applicationName: issued.applicationName,
                              platform: device.platform ?? issued.platform)
            return Responses.json(issued.response, status: HTTPResponse.Status(code: profile.tokenStatus), noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    @Sendable func introspect(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let (parameters, credentials) = try await clientRequest(request)
            let answer = try await server.tokens.introspect(try single("token", parameters), credentials: credentials, validator: server.bearer)
            return Responses.json(answer, noStore: true)
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    @Sendable func revoke(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let (parameters, credentials) = try await clientRequest(request)
            try await server.tokens.revoke(try single("token", parameters), credentials: credentials)
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        } catch {
            return Responses.failure(error, profile: profile)
        }
    }

    /// The device the request describes: its `X-Device-Info`, merged over what `User-Agent` and the peer say.
    private func deviceInfo(_ request: Request, context: DCRRequestContext) throws(DCRError) -> DeviceInfo {
        try DeviceInfo(header: request.headers[.deviceInfo], userAgent: request.headers[.userAgent],
                       peer: context.clientIP(request, resolver: addresses), profile: profile)
    }

    /// The parameters of a client request and the client credentials they (or the Authorization header) carry.
    private func clientRequest(_ request: Request) async throws(DCRError) -> ([String: [String]], ClientAuthentication?) {
        let parameters = try await formParameters(request)
        return (parameters, try ClientAuthentication.from(parameters: parameters, authorization: request.headers[.authorization]))
    }

    /// Query parameters plus an `application/x-www-form-urlencoded` body (at most 64 KiB).
    private func formParameters(_ request: Request) async throws(DCRError) -> [String: [String]] {
        var request = request
        var body: ByteBuffer? = nil
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            do { body = try await request.collectBody(upTo: RegistrationService.maximumBodySize) } catch {
                throw DCRError.oauth(.invalidRequest, "the body is larger than \(RegistrationService.maximumBodySize) bytes")
            }
        }
        return request.parameters(formBody: body)
    }

    private func single(_ name: String, _ parameters: [String: [String]]) throws(DCRError) -> String? {
        guard let values = parameters[name] else { return nil }
        guard values.count == 1 else { throw DCRError.oauth(.invalidRequest, "\(name) was given \(values.count) times") }
        return values[0]
    }
}
