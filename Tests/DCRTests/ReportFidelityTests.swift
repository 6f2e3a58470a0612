@testable import DCR
import DCRClient
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import JOSE
import Testing

/// The CMU report API as its page documents it: formats and their negotiation, HAL links, defaults and values.
@Suite("usage reports as documented")
struct ReportFidelityTests {
    /// A server with one client that has made a few requests, and that client's token (scope `usage:read`).
    static func serverWithTraffic(_ backend: TestBackend) async throws -> (TestServer, String) {
        let server = try await TestServer.start(backend)
        let client = try await server.client()
        let token = try await server.accessToken(client)
        _ = try await server.token(form: "grant_type=client_credentials&client_id=\(client.id)&client_secret=wrong")
        return (server, token)
    }

    @Test("formats: JSON by default; XML, CSV and HTML by extension, then format=, then Accept; 406 when none fits", arguments: TestBackend.all)
    func formats(_ backend: TestBackend) async throws {
        let (server, token) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        func format(_ path: String, accept: String? = nil) async throws -> (Int, String) {
            let reply = try await server.get(path, token: token, headers: accept.map { [("Accept", $0)] } ?? [])
            return (reply.status, reply.header("Content-Type") ?? "")
        }
        #expect(try await format("/cmu/v2/year").1.hasPrefix("application/hal+json"))
        #expect(try await format("/cmu/v2/year.xml").1.hasPrefix("application/hal+xml"))
        #expect(try await format("/cmu/v2/year?format=html").1.hasPrefix("text/html"))
        #expect(try await format("/cmu/v2/year", accept: "text/csv").1.hasPrefix("text/csv"))
        #expect(try await format("/cmu/v2/year", accept: "application/xml;q=0.5, text/html;q=0.9").1.hasPrefix("text/html"))
        #expect(try await format("/cmu/v2/year", accept: "*/*").1.hasPrefix("application/hal+json"))
        // Precedence: the extension beats format=, which beats Accept.
        #expect(try await format("/cmu/v2/year.csv?format=xml", accept: "text/html").1.hasPrefix("text/csv"))
        #expect(try await format("/cmu/v2/year?format=xml", accept: "text/html").1.hasPrefix("application/hal+xml"))
        for (path, accept) in [("/cmu/v2/year", "image/png"), ("/cmu/v2/year", "application/json;q=0, text/*;q=0"),
                               ("/cmu/v2/year.pdf", nil), ("/cmu/v2/year?format=pdf", nil)] {
            let reply = try await server.get(path, token: token, headers: accept.map { [("Accept", $0)] } ?? [])
            #expect(reply.status == 406, "\(path) \(accept ?? ""): \(reply.status)")
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
    }

    @Test("XML is HAL as the page shows it, and parses", arguments: TestBackend.all)
    func xml(_ backend: TestBackend) async throws {
        let (server, token) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        let reply = try await server.get("/cmu/v2/year/month.xml?metrics=requests", token: token)
        #expect(reply.status == 200)
        let document = try XMLDocument(data: Data(reply.body))
        let root = try #require(document.rootElement())
        #expect(root.name == "resource")
        #expect(root.attribute(forName: "href")?.stringValue?.hasPrefix("/cmu/v2/year/month.xml?start=") == true)
        let links = try root.nodes(forXPath: "links/link").compactMap { $0 as? XMLElement }
        #expect(links.contains { $0.attribute(forName: "rel")?.stringValue == "roll-up" && $0.attribute(forName: "href")?.stringValue == "/cmu/v2/year" })
        #expect(links.contains { $0.attribute(forName: "rel")?.stringValue == "drill-down" && $0.attribute(forName: "href")?.stringValue == "/cmu/v2/year/month/day" })
        let records = try root.nodes(forXPath: "report/record").compactMap { $0 as? XMLElement }
        let now = CalendarFields(epochSeconds: Int64(Date().timeIntervalSince1970))
        #expect(records.count == 1)
        #expect(records.first?.attribute(forName: "year")?.stringValue == String(now.year))
        #expect(records.first?.attribute(forName: "month")?.stringValue == String(now.month))
        #expect(Int(records.first?.attribute(forName: "requests")?.stringValue ?? "") ?? 0 >= 2)
    }

    @Test("CSV names its file as documented; HTML escapes and runs nothing", arguments: TestBackend.all)
    func csvAndHTML(_ backend: TestBackend) async throws {
        let (server, token) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        let csv = try await server.get("/cmu/v2/year/month.csv?start=2026-01-01&end=2026-02-01", token: token)
        #expect(csv.header("Content-Disposition") == #"attachment; filename="report__2026-01-01_2026-02-01_1000.csv""#)
        let filtered = try await server.get("/cmu/v2/endpoint.csv?endpoint=/o/client/token&start=2026-01&end=2026-02&limit=5", token: token)
        #expect(filtered.header("Content-Disposition") == #"attachment; filename="report__2026-01-01_2026-02-01_5,-o-client-token.csv""#)
        // A device's osName is text of the client's choosing, and becomes a platform value.
        let device: JSONValue = ["model": "x", "version": "1", "osName": "<script>alert(1)</script>", "osVersion": "1", "connectionType": "wifi"]
        let (_, statement) = try await server.application(name: "Hostile")
        #expect(try await server.register(statement, device: DeviceInfo.header(for: device)).status == 201)
        let html = try await server.get("/cmu/v2/platform.html", token: server.adminToken)
        #expect(html.status == 200)
        #expect(!html.text.contains("<script>") && html.text.contains("&lt;script&gt;"))
        #expect(html.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(html.text.contains(#"<a rel="roll-up" href="/cmu/v2">"#))
    }

    @Test("Accept-Encoding: gzip is honoured, and the body decodes to the same report", arguments: TestBackend.all)
    func gzip(_ backend: TestBackend) async throws {
        let (server, token) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        // A raw connection: the HTTP client library would ask for gzip itself and decode it out of sight.
        func raw(_ path: String, encoding: String?) async throws -> (head: String, body: [UInt8]) {
            let connection = try RawConnection(server.base)
            let accept = encoding.map { "Accept-Encoding: \($0)\r\n" } ?? ""
            connection.send("GET \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\(accept)Connection: close\r\n\r\n")
            let bytes = await connection.readBytesUntilClosed(within: 30).bytes
            let end = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("\r\n\r\n".utf8)) })
            return (String(decoding: bytes[..<end], as: UTF8.self).lowercased(), Array(bytes[(end + 4)...]))
        }
        let path = "/cmu/v2/endpoint/status?endpoint!=/cmu/v2&start=2026&end=2027"  // the reports themselves add requests
        let plain = try await raw(path, encoding: nil)
        let zipped = try await raw(path, encoding: "gzip, deflate")
        #expect(!plain.head.contains("content-encoding"))
        #expect(zipped.head.contains("content-encoding: gzip") && zipped.head.contains("vary: accept, accept-encoding"), "\(zipped.head)")
        #expect(zipped.body.starts(with: [0x1F, 0x8B]))
        #expect(try Self.gunzip(zipped.body) == plain.body)
        #expect(zipped.body.count < plain.body.count)
        let refused = try await raw("/cmu/v2/year", encoding: "gzip;q=0, identity")
        #expect(!refused.head.contains("content-encoding"))
    }

    @Test("HAL links: self shows every parameter, implicit ones included; roll-up and drill-down are paths with names", arguments: TestBackend.all)
    func links(_ backend: TestBackend) async throws {
        let (server, _) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        let json = try await server.get("/cmu/v2/year/month/day?endpoint=/o/client/token&metrics=requests&metrics=failed-attempts", token: server.adminToken).json
        let href = try #require(json["_links"]?["self"]?["href"]?.stringValue)
        let now = CalendarFields(epochSeconds: Int64(Date().timeIntervalSince1970))
        let monthStart = CalendarFields(year: now.year, month: now.month).iso8601
        #expect(href.hasPrefix("/cmu/v2/year/month/day?endpoint=/o/client/token&start=\(monthStart)&end=\(now.iso8601.prefix(10))T"), "\(href)")
        #expect(href.hasSuffix("&limit=1000&metrics=requests&metrics=failed-attempts"), "\(href)")
        #expect(json["_links"]?["roll-up"] == ["href": "/cmu/v2/year/month", "name": "day"])
        let drill = json["_links"]?["drill-down"]?.elements ?? []
        #expect(drill.contains(["href": "/cmu/v2/year/month/day/hour", "name": "hour"]))
        #expect(drill.allSatisfy { $0["href"]?.stringValue?.contains("?") == false })
        // Following self gives the same report.
        let again = try await server.get(href, token: server.adminToken).json
        #expect(again["_links"]?["self"]?["href"]?.stringValue == href)
        #expect(again["report"] == json["report"])
        // Values are strings, time values unpadded, as in the page's sample.
        let record = try #require(json["report"]?[index: 0])
        #expect(record["month"] == .string(String(now.month)) && record["day"] == .string(String(now.day)))
        #expect(record.members.map(\.name) == ["year", "month", "day", "requests", "failed-attempts"])
        #expect(record["failed-attempts"] == "1")
    }

    @Test("defaults and values: a window per granularity, limit 1000, epoch-millisecond ends, invalid dates, time filters", arguments: TestBackend.all)
    func defaults(_ backend: TestBackend) async throws {
        let (server, token) = try await Self.serverWithTraffic(backend)
        defer { Task { await server.stop() } }
        func selfLink(_ path: String) async throws -> String {
            let reply = try await server.get(path, token: token)
            #expect(reply.status == 200, "\(path): \(reply.text)")
            return reply.json["_links"]?["self"]?["href"]?.stringValue ?? ""
        }
        let now = CalendarFields(epochSeconds: Int64(Date().timeIntervalSince1970))
        func start(_ fields: CalendarFields) -> String { "start=" + fields.iso8601 + "&" }
        #expect(try await selfLink("/cmu/v2/year/month/day/hour/minute").contains(start(CalendarFields(year: now.year, month: now.month, day: now.day, hour: now.hour))))
        #expect(try await selfLink("/cmu/v2/day/hour").contains(start(CalendarFields(year: now.year, month: now.month, day: now.day))))
        #expect(try await selfLink("/cmu/v2/endpoint").contains(start(CalendarFields(year: now.year, month: now.month))))
        #expect(try await selfLink("/cmu/v2/month").contains(start(CalendarFields(year: now.year))))
        #expect(try await selfLink("/cmu/v2/year").contains(start(CalendarFields(year: now.year - 4))))
        // Epoch milliseconds for end (and start), echoed as ISO 8601.
        #expect(try await selfLink("/cmu/v2/year?start=1700000000000&end=1700726648017").contains("start=2023-11-14T22:13:20&end=2023-11-23T08:04:09&"))
        for path in ["/cmu/v2/year?start=2026-11-24T99", "/cmu/v2/year?start=2026-02-30", "/cmu/v2/year?end=2026-13",
                     "/cmu/v2/year?start=2026-11-24T10:60", "/cmu/v2/day?year=2026", "/cmu/v2/endpoint?hour!=3",
                     "/cmu/v2/year?limit=1&limit=2", "/cmu/v2/year?start=2026-01-01T00:00:00.5", "/cmu/v2/year?end=99999999999999999",
                     "/cmu/v2/year?start=2026-11-23%2007:15", "/cmu/v2/year?start=2026-11-23T07:15%2B01:00", "/cmu/v2/year?start=2026z"] {
            let reply = try await server.get(path, token: token)
            #expect(reply.status == 400, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.header("Content-Type")?.hasPrefix("text/plain") == true)
        }
        #expect(try await selfLink("/cmu/v2/year?start=2025Z&end=2026-11-23T07").contains("start=2025-01-01T00:00:00&end=2026-11-23T07:00:00&"))
        // A bare time dimension adds it to the result (a projection, not a filter).
        let forced = try await server.get("/cmu/v2/endpoint?year", token: token).json
        #expect(forced["report"]?[index: 0]?["year"] == .string(String(now.year)))
    }

    @Test("reports read aggregates: a time-only report equals the same report over the full rollup, active clients counted once", arguments: TestBackend.all)
    func aggregates(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        for _ in 0..<3 {
            let client = try await server.client()
            for _ in 0..<2 { _ = try await server.accessToken(client) }
        }
        let admin = server.adminToken
        // Every metric but requests, which each report request itself adds to.
        let metrics = "metrics=registrations,tokens-issued,throttled,failed-attempts,active-clients"
        let totals = try await server.get("/cmu/v2/year/month/day?\(metrics)", token: admin).json["report"]
        // A filter that excludes nothing forces the rollup table.
        let rollup = try await server.get("/cmu/v2/year/month/day?endpoint!=none&\(metrics)", token: admin).json["report"]
        #expect(totals == rollup, "\(String(describing: totals)) vs \(String(describing: rollup))")
        #expect(totals?[index: 0]?["active-clients"] == "3")
        #expect(totals?[index: 0]?["tokens-issued"] == "6")
        #expect(totals?[index: 0]?["registrations"] == "3")
        // The report without dimensions reads the totals too.
        let root = try await server.get("/cmu/v2?\(metrics)", token: admin).json["report"]
        let rootRollup = try await server.get("/cmu/v2?endpoint!=none&\(metrics)", token: admin).json["report"]
        #expect(root == rootRollup && root?[index: 0]?["active-clients"] == "3", "\(String(describing: root))")
        let hourly = try await server.get("/cmu/v2/year/month/day/hour?metrics=active-clients", token: admin).json["report"]
        #expect(hourly?.elements.reduce(0) { $0 + (Int($1["active-clients"]?.stringValue ?? "") ?? 0) } ?? 0 >= 3)
    }

    @Test("usage recorded by an older version (one row per event, or per minute with a count) is migrated into the aggregates")
    func migration() async throws {
        let state = StateDirectory(path: FileManager.default.temporaryDirectory.appendingPathComponent("dcr-migration-\(UUID().uuidString)").path)
        let old = try SQLiteStore(state: state, migratingUpTo: "v2: aggregated usage events")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO usage_events (time, endpoint, method, status, client_id, application_id, application_name, platform, count)
                VALUES (1700726648.5, '/o/client/token', 'POST', 201, 'c1', 'a1', 'Player', 'tvOS', 1),
                       (1700726650.0, '/o/client/token', 'POST', 429, NULL, NULL, NULL, NULL, 2)
                """)
        }
        let server = try await TestServer.start(.sqlite, { $0.usageRetention = 100 * 365 * 86_400 }, state: state)
        defer { Task { await server.stop() } }
        let report = try await server.get("/cmu/v2/year/month/day/application?start=2023-11&end=2023-12", token: server.adminToken).json
        let rows = report["report"]?.elements ?? []
        #expect(rows.count == 2, "\(report)")
        let player = rows.first { $0["application"] == "Player" }
        #expect(player?["day"] == "23" && player?["tokens-issued"] == "1" && player?["active-clients"] == "1")
        let anonymous = rows.first { $0["application"] == "" }
        #expect(anonymous?["throttled"] == "2" && anonymous?["requests"] == "2")
        let totals = try await server.get("/cmu/v2/year/month?start=2023&end=2024", token: server.adminToken).json["report"]
        #expect(totals?[index: 0]?["requests"] == "3" && totals?[index: 0]?["month"] == "11")
    }

    @Test("recorded requests reach the usage tables within about a second, with no further request and no report", arguments: TestBackend.all)
    func backgroundFlush(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        defer { Task { await server.stop() } }
        _ = try await server.get("/.well-known/jwks.json")
        var stored = 0
        for _ in 0..<30 where stored == 0 {
            try await Task.sleep(for: .milliseconds(100))
            stored = try await server.server.store.usage.rows(at: .minute)
        }
        #expect(stored > 0, "nothing written within 3 s")
    }

    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
