import DCR
import Hummingbird
import JOSE

/// `/ui/inspect`: the offline token inspector. `GET` shows the form; `POST` (a plain form, so it works without
/// JavaScript) inspects what was pasted with ``TokenInspection`` and shows it under the form, which keeps its values.
struct InspectorController {
    let server: AuthorizationServer

    func addRoutes(to group: RouterGroup<DCRRequestContext>) {
        group.getAndHead(use: form)
        group.post(use: inspect)
    }

    @Sendable func form(_ request: Request, context: DCRRequestContext) async throws -> Response {
        page(InspectorPage(input: .init(token: "", keys: "", serverKeys: false), profile: ""))
    }

    @Sendable func inspect(_ request: Request, context: DCRRequestContext) async throws -> Response {
        var request = request
        let limit = TokenInspection.maximumBytes + 64 * 1024
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: limit) } catch {
            return page(InspectorPage(input: .init(token: "", keys: "", serverKeys: false), profile: "",
                                      problem: "What was pasted is larger than \(limit / 1024) KiB; inspect one token at a time, or use jwstool lint."),
                        status: .contentTooLarge)
        }
        let fields = request.parameters(formBody: body)
        let input = InspectorPage.Input(token: fields["token"]?.first ?? "", keys: fields["keys"]?.first ?? "",
                                        serverKeys: fields["server_keys"]?.first == "on")
        let profileName = fields["profile"]?.first ?? ""
        guard profileName.isEmpty || LintProfile(rawValue: profileName) != nil else {
            return page(InspectorPage(input: input, profile: "", problem: "There is no lint profile called \(profileName.excerpt)."), status: .badRequest)
        }
        guard !input.token.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return page(InspectorPage(input: input, profile: profileName, problem: "Paste a token first."), status: .badRequest)
        }
        // The server's public keys: its statement key and its access-token keys (the signing one and those still published).
        let serverKeys = input.serverKeys ? (try? await server.keys.published()) ?? KeySet() : nil
        let inspection = TokenInspection(input.token, keys: input.keys, serverKeys: serverKeys, profile: LintProfile(rawValue: profileName))
        // A private key or secret pasted as the key is used, and not written back into the page.
        let shown = inspection.pastedSecrets ? InspectorPage.Input(token: input.token, keys: "", serverKeys: input.serverKeys) : input
        return page(InspectorPage(input: shown, profile: profileName, inspection: inspection))
    }

    private func page(_ page: InspectorPage, status: HTTPResponse.Status = .ok) -> Response {
        UIPages.respond("inspect", page, status: status)
    }
}
