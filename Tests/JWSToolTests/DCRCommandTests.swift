import Foundation
import JOSE
import Testing

@Suite("jwstool app, register, token and call end to end (the real binary)")
struct DCRCommandTests {
    @Test("the embedded default: app create → lint → verify → register → token (cached) → call", .timeLimit(.minutes(3)))
    func embedded() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("state").path]
        let created = try CLI.run(["app", "create", "--name", "CLI Player", "--domain", "example.com", "--scope", "usage:read", "--out", "statement.jwt"],
                                  in: directory, environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let publicKey = directory.appendingPathComponent("state/statement-key.pub.jwk").path
        #expect(try CLI.run(["lint", "--key", publicKey, "statement.jwt"], in: directory, environment: env).status == 0)
        #expect(try CLI.run(["verify", "--key", publicKey, "statement.jwt"], in: directory, environment: env).status == 0)
        let registered = try CLI.run(["register", "statement.jwt", "--redirect-uri", "https://tv.example.com/cb", "--json"], in: directory, environment: env)
        #expect(registered.status == 0, "\(registered.stderr)")
        let response = try JSONValue.parse(registered.stdout)
        #expect(response["client_id"] != nil && response["client_secret"] == nil, "the secret is shown only with --show-secret")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("state/client.sqlite").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let first = try CLI.run(["token"], in: directory, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try CLI.run(["token"], in: directory, environment: env).stdout == first.stdout, "cached until shortly before it expires")
        #expect(try CLI.run(["token", "--refresh"], in: directory, environment: env).stdout != first.stdout)
        // --json: the cached token with its remaining lifetime and the granted scope.
        let described = try JSONValue.parse(try CLI.run(["token", "--json"], in: directory, environment: env).stdout)
        #expect(described["token_type"] == "bearer" && described["scope"] == "usage:read", "\(described)")
        #expect((described["expires_in"]?.integerValue ?? 0) > 21_000 && described["access_token"]?.stringValue?.hasPrefix("ey") == true)
        let report = try CLI.run(["call", "/cmu/v2/year/month/day/endpoint"], in: directory, environment: env)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("\"/o/client/register\"") && report.stdout.contains("\"tokens-issued\""))
        let csv = try CLI.run(["call", "/cmu/v2/endpoint.csv"], in: directory, environment: env)
        #expect(csv.stdout.hasPrefix("endpoint,requests,"))
        let missing = try CLI.run(["call", "/cmu/v2/galaxy"], in: directory, environment: env)
        #expect(missing.status == 3)
        let list = try CLI.run(["app", "list"], in: directory, environment: env)
        #expect(list.stdout.contains("active") && list.stdout.contains("CLI Player"))
    }

    @Test("register refuses a statement with lint errors unless --force; the server's refusal exits 3 with its code")
    func refusals() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("state").path]
        try CLI.run(["app", "create", "--name", "Refused", "--out", "statement.jwt"], in: directory, environment: env)
        let tampered = try String(contentsOf: directory.appendingPathComponent("statement.jwt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").enumerated()
            .map { $0.offset == 1 ? Base64URL.encode(Array(#"{"iss":"https://jwstool.local","sub":"5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b"}"#.utf8)) : String($0.element) }
            .joined(separator: ".")
        let refused = try CLI.run(["register", tampered], in: directory, environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("[signature-invalid]") && refused.stderr.contains("not sent"))
        let forced = try CLI.run(["register", "--force", tampered], in: directory, environment: env)
        #expect(forced.status == 3)
        #expect(forced.stderr.contains("invalid_software_statement"), "\(forced.stderr)")
        // --force sends it, but its lint errors are still called errors.
        #expect(forced.stderr.contains("error: signature:") && !forced.stderr.contains("warning:") && forced.stderr.contains("sending it anyway (--force)"), "\(forced.stderr)")
        let unregistered = try CLI.run(["token", "--software-id", "nope"], in: directory, environment: env)
        #expect(unregistered.status == 2 && unregistered.stderr.contains("no registration with the embedded server for software id nope"), "\(unregistered.stderr)")
        let refusedConnection = try CLI.run(["register", "--force", "--server", "http://127.0.0.1:1", tampered], in: directory, environment: env)
        #expect(refusedConnection.status == 3 && refusedConnection.stderr.contains("could not connect to http://127.0.0.1:1 (connection refused)"),
                "\(refusedConnection.stderr)")
    }

    @Test("serve refuses a port out of range and warns when it listens beyond this machine")
    func serveOptions() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state").path
        let port = try CLI.run(["serve", "--state-dir", state, "--port", "99999"])
        #expect(port.status == 2 && port.stderr.contains("--port must be from 0 to 65535"), "\(port.stderr)")
        // A database that cannot be used is refused at once, saying why, and its password never printed.
        for (url, reason) in [("postgres://dcr:hunter2@127.0.0.1:1/dcr", "cannot connect"), ("postgres://dcr:hunter2@db/dcr?ssl=1", "unknown parameter"),
                              ("mysql://dcr:hunter2@db/dcr", "not a postgres:// URL")] {
            let refused = try CLI.execute(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "20", CLI.binary.path, "serve", "--state-dir", state,
                                                                                   "--port", "0", "--database", url])
            #expect(refused.status == 2 && refused.stderr.contains(reason) && !refused.stderr.contains("hunter2"), "\(refused.stderr)")
        }
        // Stopped by timeout (SIGKILL, since a test's children may inherit blocked signals) once it has started.
        let open = try CLI.execute(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "4", CLI.binary.path, "serve", "--state-dir", state,
                                                                            "--host", "0.0.0.0", "--port", "0"])
        #expect(open.stderr.contains("--host 0.0.0.0 listens beyond this machine") && open.stderr.contains("listening on http://0.0.0.0:"), "\(open.stderr)")
        // For scripts: the banner as one JSON line, and the bound port in a file.
        let portFile = directory.appendingPathComponent("port").path
        let scripted = try CLI.execute(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "4", CLI.binary.path, "serve", "--state-dir", state,
                                                                                "--port", "0", "--json", "--port-file", portFile])
        let banner = try JSONValue.parse(scripted.stdout.split(separator: "\n").first.map(String.init) ?? "")
        let bound = try String(contentsOfFile: portFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(banner["port"]?.integerValue == Int64(bound) && banner["url"]?.stringValue == "http://127.0.0.1:\(bound)", "\(scripted.stdout)")
        #expect(banner["admin_token_file"]?.stringValue == state + "/admin-token" && !scripted.stderr.contains("jwstool serve: listening on"))
    }

    @Test("against jwstool serve: admin API app commands, register, token, call; SIGTERM stops it gracefully", .timeLimit(.minutes(3)))
    func serve() throws {
        let server = try ServeProcess(arguments: ["--profile", "rfc"])
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path, "JWSTOOL_ADMIN_TOKEN": server.adminToken]
        let remote = ["--server", server.baseURL]
        let created = try CLI.run(["app", "create", "--name", "Remote Player", "--scope", "usage:read", "--out", "statement.jwt"] + remote, in: directory, environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let wrongToken = try CLI.run(["app", "list", "--admin-token", "wrong"] + remote, in: directory, environment: env)
        #expect(wrongToken.status == 3)
        let listed = try CLI.run(["app", "list", "--json"] + remote, in: directory, environment: env)
        #expect(listed.status == 0 && listed.stdout.contains("Remote Player"), "\(listed.stderr)")
        let unknown = try CLI.run(["app", "show", "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b"] + remote, in: directory, environment: env)
        #expect(unknown.status == 3 && unknown.stderr.contains("404") && unknown.stderr.contains("no application"), "\(unknown.stderr)")
        let registered = try CLI.run(["register", "statement.jwt", "--show-secret"] + remote, in: directory, environment: env)
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("client_secret: "))
        let token = try CLI.run(["token"] + remote, in: directory, environment: env)
        #expect(token.status == 0 && token.stdout.hasPrefix("eyJ"), "\(token.stderr)")
        let report = try CLI.run(["call", "/cmu/v2/endpoint?metrics=requests"] + remote, in: directory, environment: env)
        #expect(report.status == 0 && report.stdout.contains("\"report\""), "\(report.stderr)")
        let id = try CLI.run(["claims", "--software-id", "statement.jwt"], in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try CLI.run(["app", "revoke", id] + remote, in: directory, environment: env).status == 0)
        let afterRevoke = try CLI.run(["call", "/cmu/v2/endpoint"] + remote, in: directory, environment: env)
        #expect(afterRevoke.status == 3)
        // 401 → a fresh token → invalid_client → the kept statement registered once more → refused: it ends there.
        #expect(afterRevoke.stderr.contains("unapproved_software_statement"), "\(afterRevoke.stderr)")
        #expect(afterRevoke.stderr.components(separatedBy: "registering software").count == 2, "\(afterRevoke.stderr)")
        #expect(server.stop() == 0)
    }

    @Test("app keys rotate through --server: the cached token keeps working, a fresh one carries the new key; on a state directory too",
          .timeLimit(.minutes(3)))
    func rotateKeys() throws {
        let server = try ServeProcess(arguments: [])
        defer { _ = server.stop() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path, "JWSTOOL_ADMIN_TOKEN": server.adminToken]
        let remote = ["--server", server.baseURL]
        #expect(try CLI.run(["app", "create", "--name", "Rotating Player", "--scope", "usage:read", "--out", "statement.jwt"] + remote,
                            in: directory, environment: env).status == 0)
        #expect(try CLI.run(["register", "statement.jwt"] + remote, in: directory, environment: env).status == 0)
        let before = try CLI.run(["token"] + remote, in: directory, environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let oldKid = try #require(try JWSHeaderKid.of(before))
        let listed = try CLI.run(["app", "keys", "list"] + remote, in: directory, environment: env)
        #expect(listed.status == 0 && listed.stdout.contains("\(oldKid)  RS256  signing"), "\(listed.stdout)\(listed.stderr)")

        let rotated = try CLI.run(["app", "keys", "rotate"] + remote, in: directory, environment: env)
        #expect(rotated.status == 0 && rotated.stderr.contains("token key rotated"), "\(rotated.stderr)")
        #expect(rotated.stdout.contains("\(oldKid)  RS256  retired ") && rotated.stdout.contains("published until"), "\(rotated.stdout)")
        let call = try CLI.run(["call", "/o/client/validate"] + remote, in: directory, environment: env)
        #expect(call.status == 0, "the cached token, signed with the retired key, still works: \(call.stderr)")
        let after = try CLI.run(["token", "--refresh"] + remote, in: directory, environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let newKid = try #require(try JWSHeaderKid.of(after))
        #expect(newKid != oldKid && rotated.stdout.contains("\(newKid)  RS256  signing"))
        let wrong = try CLI.run(["app", "keys", "rotate", "--admin-token", "wrong"] + remote, in: directory, environment: env)
        #expect(wrong.status == 3)

        // On a state directory, without a server: the same, with --json.
        let state = directory.appendingPathComponent("local-state").path
        let local = try CLI.run(["app", "keys", "list", "--json", "--state-dir", state])
        let localOld = try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [String: Any]
        let localRotated = try CLI.run(["app", "keys", "rotate", "--json", "--state-dir", state])
        #expect(localRotated.status == 0, "\(localRotated.stderr)")
        let keys = (try JSONSerialization.jsonObject(with: Data(localRotated.stdout.utf8)) as? [String: Any])?["token_keys"] as? [[String: Any]] ?? []
        let firstKid = ((localOld?["token_keys"] as? [[String: Any]])?.first?["kid"] as? String)
        #expect(keys.count == 2 && keys.last?["kid"] as? String == firstKid && keys.last?["status"] as? String == "retired", "\(localRotated.stdout)")
        let retiredFile = URL(fileURLWithPath: state).appendingPathComponent("token-key.retired.json").path
        #expect(FileManager.default.fileExists(atPath: retiredFile))
        #expect(!(String(data: FileManager.default.contents(atPath: retiredFile) ?? Data(), encoding: .utf8) ?? "").contains("\"d\""))
    }

    @Test("client show | update | delete (RFC 7592) against serve --profile rfc, with the cached registration access token",
          .timeLimit(.minutes(3)))
    func clientConfiguration() throws {
        let server = try ServeProcess(arguments: ["--profile", "rfc"])
        defer { _ = server.stop() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path, "JWSTOOL_ADMIN_TOKEN": server.adminToken]
        let remote = ["--server", server.baseURL]
        #expect(try CLI.run(["app", "create", "--name", "Managed Player", "--domain", "example.com", "--scope", "usage:read", "--out", "statement.jwt"] + remote,
                            in: directory, environment: env).status == 0)
        #expect(try CLI.run(["register", "statement.jwt", "--redirect-uri", "https://app.example.com/cb"] + remote, in: directory, environment: env).status == 0)
        let shown = try CLI.run(["client", "show"] + remote, in: directory, environment: env)
        #expect(shown.status == 0 && shown.stdout.contains("https://app.example.com/cb"), "\(shown.stdout)\(shown.stderr)")
        #expect(shown.stdout.contains("kept in the credential cache") && !shown.stdout.contains("\"client_secret\""), "the token is not printed unasked")
        let updated = try CLI.run(["client", "update", "--redirect-uri", "https://tv.example.com/back"] + remote, in: directory, environment: env)
        #expect(updated.status == 0 && updated.stdout.contains("https://tv.example.com/back"), "\(updated.stdout)\(updated.stderr)")
        let again = try CLI.run(["client", "show", "--show-token"] + remote, in: directory, environment: env)
        #expect(again.status == 0 && again.stdout.contains("https://tv.example.com/back"), "the rotated token was cached: \(again.stderr)")
        let outside = try CLI.run(["client", "update", "--redirect-uri", "https://evil.com/cb"] + remote, in: directory, environment: env)
        #expect(outside.status == 3 && outside.stderr.contains("invalid_redirect_uri"), "\(outside.stderr)")
        #expect(try CLI.run(["token"] + remote, in: directory, environment: env).status == 0)
        let deleted = try CLI.run(["client", "delete"] + remote, in: directory, environment: env)
        #expect(deleted.status == 0 && deleted.stderr.contains("deleted client"), "\(deleted.stderr)")
        let gone = try CLI.run(["token"] + remote, in: directory, environment: env)
        #expect(gone.status == 2 && gone.stderr.contains("no registration"), "\(gone.stderr)")
    }

    @Test("serve --trust ISSUER=FILE takes a single JWK; an oct key admits the issuer's MACed statements (register --trust checks them too)",
          .timeLimit(.minutes(3)))
    func macedStatements() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["key", "generate", "--type", "oct", "--out", "partner"], in: directory).status == 0)
        let secretFile = directory.appendingPathComponent("partner.jwk").path
        let server = try ServeProcess(arguments: ["--trust", "https://partner.example=\(secretFile)"])
        defer { _ = server.stop() }
        let id = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"
        let signed = try CLI.run(["sign", "--key", "partner.jwk", "--typ", "JWT", "--claim", "iss=https://partner.example", "--claim", "software_id=\(id)",
                                  "--claim", "sub=\(id)", "--iat", "--exp", "1h"], in: directory)
        try signed.stdout.write(to: directory.appendingPathComponent("statement.jwt"), atomically: true, encoding: .utf8)
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path]
        let registered = try CLI.run(["register", "--server", server.baseURL, "--trust", "partner.jwk", "statement.jwt"], in: directory, environment: env)
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.hasPrefix("client_id: "))
    }

    @Test("app create on the state directory of a server run with --issuer mints statements with that issuer, which it accepts",
          .timeLimit(.minutes(3)))
    func recordedIssuer() throws {
        let server = try ServeProcess(arguments: ["--issuer", "https://tv.example"])
        defer { _ = server.stop() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try CLI.run(["app", "create", "--name", "Recorded Issuer", "--state-dir", server.state.path, "--out", "statement.jwt"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try CLI.run(["claims", "--get", "iss", "statement.jwt"], in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "https://tv.example")
        let env = ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("client-state").path]
        let registered = try CLI.run(["register", "--server", server.baseURL, "statement.jwt"], in: directory, environment: env)
        #expect(registered.status == 0, "\(registered.stderr)")
    }

    @Test("a client nobody here wrote: Python requests + requests-oauthlib (BackendApplicationClient) against jwstool serve",
          .timeLimit(.minutes(3)))
    func pythonInterop() throws {
        let server = try ServeProcess()
        defer { _ = server.stop() }
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenFile = server.state.appendingPathComponent("admin-token").path
        let created = try CLI.run(["app", "create", "--name", "Python Client", "--scope", "usage:read", "--server", server.baseURL, "--admin-token-file", tokenFile],
                                  in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let script = CLI.projectRoot.appendingPathComponent("Tests/JWSToolTests/interop/oauth_client.py").path
        let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, server.baseURL, created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)],
                                     environment: ["OAUTHLIB_INSECURE_TRANSPORT": "1"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("interop ok"))
    }
}

/// The `kid` in a compact token's protected header, read the way a script would: base64url, then JSON.
enum JWSHeaderKid {
    static func of(_ token: String) throws -> String? {
        var encoded = String(token.prefix { $0 != "." }).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while encoded.count % 4 != 0 { encoded += "=" }
        guard let data = Data(base64Encoded: encoded) else { return nil }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["kid"] as? String
    }
}
