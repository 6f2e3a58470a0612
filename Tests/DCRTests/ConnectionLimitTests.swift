import DCRServer
import Foundation
import NIOCore
import Testing

/// Slow, idle and oversized clients over real TCP on loopback: the server closes what does not keep to its limits
/// and serves a bounded number of connections at once.
@Suite("Connection timeouts and limits")
struct ConnectionLimitTests {
    static let short = ConnectionLimits(headerTimeout: .seconds(1), bodyTimeout: .seconds(1), idleTimeout: .seconds(1), maximumConnections: 64)

    /// Sends `text` (possibly nothing) on a fresh connection to a server with short limits, and reads what comes back
    /// until the server closes the connection, for at most 20 s (it closes within about a second; the margin is for a
    /// suite that loads both cores).
    func reply(to text: String) async throws -> (text: String, closed: Bool) {
        let server = try await TestServer.start(.sqlite, limits: Self.short)
        let connection = try RawConnection(server.base)
        if !text.isEmpty { connection.send(text) }
        let reply = await connection.readUntilClosed(within: 20)
        await server.stop()
        return reply
    }

    @Test("a connection that sends nothing, or its headers too slowly, is closed after the header timeout",
          arguments: ["", "GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n"])
    func slowHeaders(request: String) async throws {
        #expect(try await reply(to: request).closed)
    }

    @Test("a body that is never finished is closed after the body timeout")
    func unfinishedBody() async throws {
        let request = "POST /o/client/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"software"
        #expect(try await reply(to: request).closed)
    }

    @Test("an idle keep-alive connection is closed after the idle timeout, once its response is sent")
    func idleKeepAlive() async throws {
        let reply = try await reply(to: "GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(reply.text.hasPrefix("HTTP/1.1 200"))
        #expect(reply.closed)
    }

    @Test("413 closes the connection instead of reading the rest of the body", arguments: TestBackend.all)
    func oversizedBodyCloses(_ backend: TestBackend) async throws {
        let server = try await TestServer.start(backend)
        let connection = try RawConnection(server.base)
        connection.send("POST /o/client/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n")
        connection.send(String(repeating: " ", count: 100_000))
        let reply = await connection.readUntilClosed(within: 10)
        #expect(reply.text.hasPrefix("HTTP/1.1 413"), "\(reply.text.prefix(200))")
        #expect(reply.closed)
        await server.stop()
    }

    @Test("at the connection cap, a new connection is served only when another closes", arguments: TestBackend.all)
    func connectionCap(_ backend: TestBackend) async throws {
        let limits = ConnectionLimits(headerTimeout: .seconds(30), bodyTimeout: .seconds(30), idleTimeout: .seconds(30), maximumConnections: 2)
        let server = try await TestServer.start(backend, limits: limits)
        let first = try RawConnection(server.base)
        let second = try RawConnection(server.base)
        try await Task.sleep(for: .milliseconds(200))
        let third = try RawConnection(server.base)  // accepted by the kernel's backlog, not yet by the server
        third.send("GET /.well-known/jwks.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(await third.readUntilClosed(within: 1).text.isEmpty)
        first.shutdown()
        let served = await third.readUntilClosed(within: 10)
        #expect(served.text.hasPrefix("HTTP/1.1 200"), "\(served.text.prefix(100))")
        withExtendedLifetime(second) {}
        await server.stop()
    }
}
