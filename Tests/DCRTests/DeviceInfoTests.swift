import DCR
import Foundation
import JOSE
import Testing

/// `X-Device-Info` as the register, token and header pages describe it: optional, merged over what the backend
/// extracts from `User-Agent` and the peer, and the documentation's own samples accepted.
@Suite("X-Device-Info: optional, merged, and the documented samples accepted")
struct DeviceInfoTests {
    static func sample(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/x-device-info/\(name).txt")
        return try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let androidChrome = "Mozilla/5.0 (Linux; Android 14; SM-S901U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"

    @Test("the register page's sample (a comma missing) registers in adobe-pass; the header page's example is used at the token endpoint; both are counted by platform", arguments: TestBackend.all)
    func documentedSamples(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (application, statement) = try await server.application()
        let registered = try await server.register(statement, device: try Self.sample("register-page-sample"))
        #expect(registered.status == 201, "\(registered.text)")
        let id = try #require(registered.json["client_id"]?.stringValue), secret = try #require(registered.json["client_secret"]?.stringValue)
        let issued = try await server.token(form: "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)",
                                            extraHeaders: [("X-Device-Info", try Self.sample("header-page-example"))])
        #expect(issued.status == 201, "\(issued.text)")
        let token = try await server.accessToken((id, secret, application))
        let report = try await server.get("/cmu/v2/platform?format=csv", token: token)
        #expect(report.text.contains("tvOS") && report.text.contains("Android"), "\(report.text)")
    }

    @Test("the rfc profile refuses the broken sample with the reason; both profiles accept the header page's example", arguments: TestBackend.all)
    func rfcProfile(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend) { $0.profile = .rfc }
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application()
        let broken = try await server.register(statement, device: try Self.sample("register-page-sample"))
        #expect(broken.status == 400)
        #expect(broken.json["error_description"]?.stringValue?.contains("X-Device-Info is not a JSON object") == true, "\(broken.text)")
        #expect(try await server.register(statement, device: try Self.sample("header-page-example")).status == 201)
    }

    @Test("without the header, registration and token requests succeed on what User-Agent and the peer say", arguments: TestBackend.all)
    func missingHeader(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        let (application, statement) = try await server.application()
        let registered = try await server.register(statement, device: nil, extraHeaders: [("User-Agent", Self.androidChrome)])
        #expect(registered.status == 201, "\(registered.text)")
        let id = try #require(registered.json["client_id"]?.stringValue), secret = try #require(registered.json["client_secret"]?.stringValue)
        #expect(try await server.token(form: "grant_type=client_credentials&client_id=\(id)&client_secret=\(secret)").status == 201)
        let report = try await server.get("/cmu/v2/platform?format=csv", token: try await server.accessToken((id, secret, application)))
        #expect(report.text.contains("Android"), "\(report.text)")
    }

    @Test("a value that is not Base64 is 400 in both profiles, at register and at token", arguments: TestBackend.all, [ServerProfile.adobePass, .rfc])
    func notBase64(_ backend: TestBackend, profile: ServerProfile) async throws {
        let server = try await TestServer.start(backend) { $0.profile = profile }
        defer { Task { await server.stop() } }
        let (_, statement) = try await server.application()
        for reply in [try await server.register(statement, device: "not base64!"),
                      try await server.token(form: "grant_type=client_credentials", extraHeaders: [("X-Device-Info", "%%%")])] {
            #expect(reply.status == 400)
            #expect(reply.json["error_description"]?.stringValue?.contains("X-Device-Info is not standard Base64") == true, "\(reply.text)")
        }
    }

    @Test("merging: the header's members come first and win; User-Agent and the peer fill what it leaves out")
    func merging() throws {
        let info = try DeviceInfo(header: try Self.sample("header-page-example"), userAgent: Self.androidChrome, peer: "203.0.113.5")
        #expect(info.source == .header)
        #expect(info.json.members.first?.name == "primaryHardwareType")
        #expect(info.json["model"]?.stringValue == "SM-S901U" && info.json["connectionIp"]?.stringValue == "203.0.113.5")
        #expect(info.json["browserName"]?.stringValue == "Chrome" && info.json["userAgent"]?.stringValue == Self.androidChrome)

        let recovered = try DeviceInfo(header: try Self.sample("register-page-sample"))
        #expect(recovered.source == .recovered)
        let expected = ["primaryHardwareType": "SetTopBox", "model": "TV 5th Gen", "manufacturer": "Apple", "osName": "tvOS",
                        "osVendor": "Apple", "osVersion": "11.0"]
        for (name, value) in expected { #expect(recovered.json[name]?.stringValue == value, "\(name)") }

        let extracted = try DeviceInfo(header: nil, userAgent: "AppleCoreMedia/1.0.0.21K69 (Apple TV; U; CPU OS 17_0 like Mac OS X; en_us)", peer: nil)
        #expect(extracted.source == .extracted && extracted.platform == "tvOS")
        #expect(throws: DCRError.self) { try DeviceInfo(header: Base64.encode(Array("[1,2]".utf8))) }
        #expect(throws: DCRError.self) { try DeviceInfo(header: Base64.encode(Array("not json at all".utf8))) }
    }

    @Test("hostile values give a device or a 400, never a trap: huge, NUL, ±1e308, deep nesting, wrong types, broken JSON",
          arguments: [ServerProfile.adobePass, .rfc])
    func hostileValues(profile: ServerProfile) throws {
        func header(_ text: String) -> String { Base64.encode(Array(text.utf8)) }
        let huge = "{\"model\":\"" + String(repeating: "x", count: 16 * 1024) + "\"}"
        let deep = "{\"model\":" + String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000) + "}"
        let refusedEverywhere = [header(huge), header("\"a string\""), header("[1,2]"), header("{\"model\":\"no end"), "\u{0}", String(repeating: "A", count: 1 << 20)]
        for value in refusedEverywhere {
            #expect(throws: DCRError.self) { try DeviceInfo(header: value, profile: profile) }
        }
        let numbers = try DeviceInfo(header: header("{\"model\":1e308,\"version\":-1e308}"), profile: profile)
        #expect(numbers.json["model"]?.numberValue == 1e308 && numbers.platform == nil)
        // Broken JSON: adobe-pass keeps the members that parse (the NUL and the nested value are dropped), rfc refuses.
        for broken in ["{\"model\":\"a\\u0000b\" \"osName\":\"tvOS\"}", "{\"model\":\"a\u{0}b\"\n\"osName\":\"tvOS\"}", deep + " \"osName\": \"tvOS\"}"] {
            if profile == .adobePass {
                let recovered = try DeviceInfo(header: header(broken), profile: profile)
                #expect(recovered.source == .recovered && recovered.platform == "tvOS" && recovered.json["model"] == nil, "\(broken.prefix(60))")
            } else {
                #expect(throws: DCRError.self) { try DeviceInfo(header: header(broken), profile: profile) }
            }
        }
        let longAgent = try DeviceInfo(header: nil, userAgent: String(repeating: "Android ", count: 100_000), peer: nil, profile: profile)
        #expect(longAgent.json["userAgent"]?.stringValue?.count == 512 && longAgent.platform == "Android")
    }
}
