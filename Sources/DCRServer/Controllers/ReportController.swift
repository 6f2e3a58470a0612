import DCR
import Hummingbird
import JOSE

/// `GET /cmu/v2/<dim>/…`: usage reports behind a bearer token (`Authorization: Bearer` or `access_token=`), in the
/// format the path's extension, `format=` or `Accept` chooses, gzipped when the client accepts it.
struct ReportController {
    let server: AuthorizationServer

    func addRoutes(to router: Router<DCRRequestContext>) {
        let reports = DCRRoute.reports.path, below = DCRRoute.reports.path + "/**"
        router.get(RouterPath(reports), use: report)
        router.get(RouterPath(below), use: report)
        for method in [HTTPRequest.Method.head, .options, .post, .put, .delete, .patch] {
            router.on(RouterPath(reports), method: method, use: methodNotAllowed)
            router.on(RouterPath(below), method: method, use: methodNotAllowed)
        }
    }

    @Sendable func methodNotAllowed(_ request: Request, context: DCRRequestContext) async throws -> Response {
        Responses.text("the report API answers GET only\n", status: .methodNotAllowed, headers: [.allow: "GET"])
    }

    @Sendable func report(_ request: Request, context: DCRRequestContext) async throws -> Response {
        do throws(DCRError) {
            let scope = try await reportScope(request.bearerToken(), context: context)
            let segments = request.uri.path.dropFirst(DCRRoute.reports.path.count).split(separator: "/").map(String.init)
            let query = try ReportQuery(segments: segments, query: request.uri.query ?? "", accept: request.headers[.accept],
                                        now: NumericDate.now.secondsSinceEpoch)
            let rows = try await server.reports.run(query, scope: scope)
            let document = ReportDocument(query: query, links: ReportLinks(query, base: DCRRoute.reports.path))
            var writer = document.writer(query.format)
            var headers: HTTPFields = [.contentType: query.format.mediaType, .vary: "Accept, Accept-Encoding"]
            switch query.format {
            case .csv: headers[.contentDisposition] = "attachment; filename=\"\(document.csvFileName)\""
            case .html: headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
            case .json, .xml: break
            }
            var body = Array(writer.document(rows).utf8)
            if Self.acceptsGzip(request.headers[.acceptEncoding]), let compressed = GzipEncoder().compress(body) {
                body = compressed
                headers[.contentEncoding] = "gzip"
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        } catch {
            return Responses.failure(error, profile: server.configuration.profile)
        }
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) with a non-zero quality (RFC 9110 §12.5.3).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let name = parts.first, name == "gzip" || name == "x-gzip" || name == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// What the bearer may read: everything with the admin token, else what its access token's scope grants.
    private func reportScope(_ token: String, context: DCRRequestContext) async throws(DCRError) -> ReportScope {
        if server.adminToken.accepts(token) { return .allApplications }
        let access = try await server.bearer.validate(token)
        context.usage.set(clientID: access.clientID, applicationID: access.applicationID, applicationName: access.applicationName, platform: access.platform)
        return try ReportScope.granted(to: access)
    }
}
