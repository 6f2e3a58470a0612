import Foundation
import JOSE
import Testing

@Suite("jwstool lint and claims (the real binary)")
struct LintCommandTests {
    static let examples = CLI.projectRoot.appendingPathComponent("examples/lint").path

    @Test("text output groups findings per token, ends lines with the rule id, and exits 1 on errors")
    func text() throws {
        let result = try CLI.run(["lint", "examples/lint"], in: CLI.projectRoot)
        #expect(result.status == 1)
        #expect(result.stdout.contains("examples/lint/broken-statement.jwt  profile software-statement"))
        #expect(result.stdout.contains("[redirect-uri-dangerous-scheme]"))
        #expect(result.stdout.contains("examples/lint/clean-statement.jwt  profile software-statement (claims include software_id)"))
        #expect(result.stdout.contains("[token-whitespace]"))
        #expect(result.stdout.split(separator: "\n").last?.hasPrefix("6 tokens: ") == true)
    }

    @Test("the clean statement passes, and with the key its signature is verified")
    func clean() throws {
        let result = try CLI.run(["lint", "--key", "keys/dev-statement.pub.jwk", "examples/lint/clean-statement.jwt"], in: CLI.projectRoot)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("signature verified: RS256"))
        let wrongKey = try CLI.run(["lint", "--key", "keys/dev-ec.pub.jwk", "examples/lint/clean-statement.jwt"], in: CLI.projectRoot)
        #expect(wrongKey.status == 1 && wrongKey.stdout.contains("[signature-invalid]"))
    }

    @Test("the seed's kind of statement — grant_types client_credentials, no response_types — has no findings")
    func clientCredentialsStatement() throws {
        let result = try CLI.run(["lint", "--key", "keys/dev-statement.pub.jwk", "examples/lint/client-credentials-statement.jwt"], in: CLI.projectRoot)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("no findings") && !result.stdout.contains("grant-response-types"), "\(result.stdout)")
    }

    @Test("--fail-on notice fails on notices; --disable silences a rule")
    func thresholds() throws {
        let service = "examples/lint/service-statement.jwt"
        #expect(try CLI.run(["lint", service], in: CLI.projectRoot).status == 0)
        #expect(try CLI.run(["lint", "--fail-on", "notice", service], in: CLI.projectRoot).status == 1)
        let quiet = try CLI.run(["lint", "--fail-on", "notice", "--key", "keys/dev-statement.pub.jwk", "--disable", "typ-missing",
                                 "--disable", "statement-exp-absent", service], in: CLI.projectRoot)
        #expect(quiet.status == 0, "\(quiet.stdout)")
        #expect(try CLI.run(["lint", "--disable", "no-such-rule", service], in: CLI.projectRoot).status == 2)
    }

    @Test("--format json is one document with every finding")
    func json() throws {
        let result = try CLI.run(["lint", "--format", "json", "examples/lint"], in: CLI.projectRoot)
        let document = try JSONValue.parse(result.stdout)
        #expect(document["tokens"]?.count == 6)
        #expect(document["summary"]?["errors"]?.integerValue ?? 0 > 10)
        let broken = document["tokens"]?.elements.first { $0["file"]?.stringValue == "examples/lint/broken-statement.jwt" }
        #expect(broken?["findings"]?.elements.contains { $0["rule"]?.stringValue == "kid-unsafe" && $0["location"]?.stringValue == "header.kid" } == true)
    }

    @Test("--format sarif validates against the SARIF 2.1.0 schema")
    func sarif() throws {
        let result = try CLI.run(["lint", "--format", "sarif", "examples/lint", "-"], stdin: "eyJhbGciOiJub25lIn0.e30.", in: CLI.projectRoot)
        #expect(result.status == 1)
        let document = try JSONValue.parse(result.stdout)
        let run = try #require(document["runs"]?[index: 0])
        #expect(run["tool"]?["driver"]?["name"]?.stringValue == "jwstool")
        #expect(run["tool"]?["driver"]?["rules"]?.count == LintRule.all.count)
        let results = run["results"]?.elements ?? []
        #expect(results.contains { $0["ruleId"]?.stringValue == "alg-none" && $0["locations"]?[index: 0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue == "stdin" })
        #expect(results.allSatisfy { ["error", "warning", "note"].contains($0["level"]?.stringValue ?? "") })

        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lint.sarif")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        let schema = CLI.projectRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
        let validation = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); log = json.load(open(sys.argv[2]))
            jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
            print("valid")
            """, schema.path, file.path])
        #expect(validation.status == 0 && validation.stdout == "valid\n", "\(validation.stderr)")
    }

    @Test("--list and --explain describe the rules")
    func listAndExplain() throws {
        let list = try CLI.run(["lint", "--list"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == LintRule.all.count)
        #expect(list.stdout.contains("alg-none") && list.stdout.contains("RFC 8725 §3.2"))
        let explain = try CLI.run(["lint", "--explain", "redirect-uri-insecure"])
        #expect(explain.status == 0 && explain.stdout.contains("RFC 8252 §7.3") && explain.stdout.contains("loopback"))
        #expect(try CLI.run(["lint", "--explain", "nope"]).status == 2)
    }

    @Test("claims: all, --get (raw strings, JSON otherwise, dotted paths), --software-id, exit 1 when absent")
    func claims() throws {
        let statement = "examples/lint/clean-statement.jwt"
        let all = try CLI.run(["claims", statement], in: CLI.projectRoot)
        #expect(all.status == 0 && all.stdout.contains("\"software_version\": \"2.4.0\""))
        let get = try CLI.run(["claims", statement, "--get", "software_version", "--get", "redirect_uris", "--get", "redirect_uris.1"], in: CLI.projectRoot)
        #expect(get.stdout == "2.4.0\n[\"https://player.example.com/callback\",\"com.example.player:/oauth\"]\ncom.example.player:/oauth\n")
        let id = try CLI.run(["claims", "--software-id", statement], in: CLI.projectRoot)
        #expect(id.stdout == "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b\n")
        let fromSub = try CLI.run(["claims", "--software-id", "examples/lint/broken-statement.jwt"], in: CLI.projectRoot)
        #expect(fromSub.stdout == "My App\n")
        let missing = try CLI.run(["claims", statement, "--get", "nope"], in: CLI.projectRoot)
        #expect(missing.status == 1 && missing.stderr.contains("no claim \"nope\""))
        let verified = try CLI.run(["claims", "--key", "keys/dev-statement.pub.jwk", "--software-id", statement], in: CLI.projectRoot)
        #expect(verified.status == 0)
        let refused = try CLI.run(["claims", "--key", "keys/dev-ec.pub.jwk", "--software-id", statement], in: CLI.projectRoot)
        #expect(refused.status == 1 && refused.stdout.isEmpty)
    }
}
