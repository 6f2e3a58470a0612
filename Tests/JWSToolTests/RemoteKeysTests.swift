import Foundation
import JOSE
import Testing

/// Keys from where issuers publish them (`--jwks-url`, `--oidc-issuer`), through the real binary against a Python
/// publisher on loopback (`interop/jwks_server.py`).
@Suite("verify --jwks-url and --oidc-issuer, with a cache (the real binary)")
struct RemoteKeysTests {
    /// The publisher as a child process, serving `jwks` with `Cache-Control: max-age=maxAge` and an ETag.
    final class Publisher {
        let process = Process()
        let port: Int

        let jwks: URL

        init(jwks: URL, maxAge: String) throws {
            self.jwks = jwks
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", CLI.projectRoot.appendingPathComponent("Tests/JWSToolTests/interop/jwks_server.py").path, jwks.path, "\(maxAge)"]
            process.standardOutput = output
            try process.run()
            port = Int(CLI.firstLine(of: output)) ?? 0
        }

        var base: String { "http://127.0.0.1:\(port)" }

        /// How many full answers (200) and revalidations (304) it has given.
        func counts() throws -> (full: Int, notModified: Int) {
            let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"),
                                         ["python3", "-c", "import urllib.request; print(urllib.request.urlopen('\(base)/count').read().decode())"])
            let numbers = result.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            return (numbers.first ?? -1, numbers.last ?? -1)
        }

        /// SIGKILL: the test process's blocked signals are inherited, so a SIGTERM might never be delivered.
        func stop() {
            _ = kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        /// The directory of the key set and of the test's cache goes with the publisher (a test may stop it and then
        /// read the cache).
        deinit { try? FileManager.default.removeItem(at: jwks.deletingLastPathComponent()) }
    }

    static let token = "examples/tokens/ec-token.jwt"

    static func setUp(maxAge: String) throws -> (Publisher, [String: String]) {
        let directory = try CLI.temporaryDirectory()
        let jwks = directory.appendingPathComponent("jwks.json")
        let published = try CLI.run(["key", "jwks", "keys/dev-ec.pub.jwk"], in: CLI.projectRoot)
        try Data(published.stdout.utf8).write(to: jwks)
        return (try Publisher(jwks: jwks, maxAge: maxAge), ["JWSTOOL_CACHE_DIR": directory.appendingPathComponent("cache").path])
    }

    @Test("a fresh cached key set is used without the network; offline uses the cache; the URL must be https or loopback")
    func cached() throws {
        let (publisher, env) = try Self.setUp(maxAge: "300")
        defer { publisher.stop() }
        let url = publisher.base + "/jwks.json"
        for _ in 0..<2 {
            let result = try CLI.run(["verify", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env)
            #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        }
        #expect(try publisher.counts().full == 1, "max-age=300: fetched once")
        publisher.stop()
        #expect(try CLI.run(["verify", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env).status == 0, "still fresh in the cache")
        #expect(try CLI.run(["verify", "--offline", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env).status == 0)
        let nothingCached = try CLI.run(["verify", "--offline", "--jwks-url", "https://keys.example/jwks.json", Self.token], in: CLI.projectRoot, environment: env)
        #expect(nothingCached.status == 2 && nothingCached.stderr.contains("nothing cached"))
        for plainURL in ["http://keys.example/jwks.json", "http://127.example.com/jwks.json"] {
            let plain = try CLI.run(["verify", "--jwks-url", plainURL, Self.token], in: CLI.projectRoot, environment: env)
            #expect(plain.status == 2 && plain.stderr.contains("https only"), "\(plainURL): \(plain.stderr)")
        }
    }

    @Test("a stale entry is revalidated with its ETag (304 reuses it); --oidc-issuer finds the jwks_uri by discovery")
    func revalidatedAndDiscovered() throws {
        let (publisher, env) = try Self.setUp(maxAge: "0")
        defer { publisher.stop() }
        let url = publisher.base + "/jwks.json"
        #expect(try CLI.run(["verify", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env).status == 0)
        #expect(try CLI.run(["verify", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env).status == 0)
        let counts = try publisher.counts()
        #expect(counts.full == 1 && counts.notModified == 1, "\(counts)")
        let discovered = try CLI.run(["verify", "--oidc-issuer", publisher.base, Self.token], in: CLI.projectRoot, environment: env)
        #expect(discovered.status == 0, "\(discovered.stdout) \(discovered.stderr)")
        let wrongKey = try CLI.run(["verify", "--jwks-url", url, "examples/lint/clean-statement.jwt"], in: CLI.projectRoot, environment: env)
        #expect(wrongKey.status == 1)
    }

    @Test("a hostile max-age (nan, 1e308, negative, 30 digits) is no max-age: the keys are used, never cached as fresh, never a crash",
          arguments: ["nan", "1e308", "-5", "999999999999999999999999999999"])
    func hostileMaxAge(_ maxAge: String) throws {
        let (publisher, env) = try Self.setUp(maxAge: maxAge)
        defer { publisher.stop() }
        let url = publisher.base + "/jwks.json"
        for _ in 0..<2 {
            let result = try CLI.run(["verify", "--jwks-url", url, Self.token], in: CLI.projectRoot, environment: env)
            #expect(result.status == 0, "\(maxAge): \(result.stdout) \(result.stderr)")
        }
        let counts = try publisher.counts()
        // Digits beyond a day's worth are a day: fresh on the second run. Anything else: revalidated.
        #expect(counts.full == 1 && counts.notModified == (maxAge.allSatisfy(\.isNumber) ? 0 : 1), "\(maxAge): \(counts)")
    }
}
