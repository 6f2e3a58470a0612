import Foundation
import JOSE
import Testing

/// What a new user of the CLI expects (issue: CLI and library conventions), through the real binary.
@Suite("CLI conventions: inputs, times, secrets, shipped examples (the real binary)")
struct CLIConventionsTests {
    static let statementKey = "keys/dev-statement.pub.jwk"

    static func claims(of token: String) throws -> JSONValue {
        let parts = token.split(separator: ".")
        return try JSONValue.parse(try Base64URL.decode(String(parts[1])))
    }

    @Test("an argument that names no file and is not a well-formed token is 'no such file', exit 2, whatever it holds",
          arguments: ["nosuchfile.jwt", "a.b.c", "foo.tar.gz", "not a token", String(repeating: "x", count: 100_000), "esc\u{1B}[2Jape"])
    func mistypedFileNames(_ argument: String) throws {
        let result = try CLI.run(["verify", "--key", Self.statementKey, argument], in: CLI.projectRoot)
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.hasSuffix(": no such file\n"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.count < 200 && !result.stderr.contains("\u{1B}"))
        #expect(result.stdout.isEmpty)
    }

    @Test("register with a mistyped statement file says so, and offers nothing to force")
    func registerMistypedFile() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["register", "statment.jwt"], in: directory, environment: ["JWSTOOL_STATE_DIR": directory.appendingPathComponent("state").path])
        #expect(result.status == 2 && result.stderr.contains("statment.jwt: no such file") && !result.stderr.contains("--force"), "\(result.stderr)")
    }

    @Test("a pasted 'Bearer ' prefix is removed with a note")
    func bearerPrefix() throws {
        let token = try String(contentsOf: CLI.projectRoot.appendingPathComponent("examples/lint/clean-statement.jwt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CLI.run(["verify", "--key", Self.statementKey, "Bearer " + token], in: CLI.projectRoot)
        #expect(result.status == 0 && result.stdout.hasPrefix("OK token"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("\"Bearer \" prefix"))
    }

    @Test("sign takes times as people write them: durations (signed), Unix timestamps, ISO 8601, and --iat alone for now")
    func signTimes() throws {
        func sign(_ options: [String]) throws -> (CLI.Output, JSONValue?) {
            let result = try CLI.run(["sign", "--key", "keys/dev-ec.jwk", "--claim", "sub=x"] + options, in: CLI.projectRoot)
            let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            return (result, result.status == 0 ? try Self.claims(of: token) : nil)
        }
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try sign(["--exp", "1700000000"]).1?["exp"] == 1_700_000_000)
        let expired = try sign(["--exp", "-5m", "--iat"]).1
        #expect(abs((expired?["exp"]?.integerValue ?? 0) - (now - 300)) <= 5 && abs((expired?["iat"]?.integerValue ?? 0) - now) <= 5)
        #expect(try sign(["--iat", "2026-01-01T00:00:00+01:00", "--nbf", "2026-01-01"]).1 == ["sub": "x", "iat": 1_767_222_000, "nbf": 1_767_225_600])
        #expect(try sign(["--exp", "2026-12-31T23:59:59Z"]).1?["exp"] == 1_798_761_599)
        let bare = try sign(["--exp", "90"])
        #expect(bare.1?["exp"] == 90 && bare.0.stderr.contains("is a Unix timestamp, 1970-01-01T00:01:30Z; for a time from now give a unit"))
        #expect(try sign(["--exp", "2026-12-31 23:59:59.5z"]).1?["exp"] == 1_798_761_599)
        for bad in ["soon", "2026-02-30", "2026-01-01T25:00", "1e9", "99999999999999999999", "2026-12-31Z", "2026-12-31T23", "2026-12-31T23:59+24:00"] {
            let (result, _) = try sign(["--exp", bad])
            #expect(result.status == 2 && result.stderr.contains("--exp") && result.stderr.contains("not a time"), "\(bad): \(result.stderr)")
        }
    }

    @Test("verify --now checks as of a time and --ignore-exp skips expiry; both say so")
    func verifyAsOf() throws {
        let signed = try CLI.run(["sign", "--key", "keys/dev-ec.jwk", "--claim", "sub=x", "--iat", "1700000000", "--exp", "1700003600"], in: CLI.projectRoot)
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = "keys/dev-ec.pub.jwk"
        #expect(try CLI.run(["verify", "--key", key, token], in: CLI.projectRoot).status == 1)
        let then = try CLI.run(["verify", "--key", key, "--now", "2023-11-14T23:00:00Z", token], in: CLI.projectRoot)
        #expect(then.status == 0 && then.stdout.contains("(as of 2023-11-14T23:00:00Z)"), "\(then.stdout) \(then.stderr)")
        let ignored = try CLI.run(["verify", "--key", key, "--ignore-exp", token], in: CLI.projectRoot)
        #expect(ignored.status == 0 && ignored.stdout.contains("(exp not checked)"), "\(ignored.stdout)")
        let json = try CLI.run(["verify", "--key", key, "--json", "--now", "1700001000", "--ignore-exp", token], in: CLI.projectRoot)
        let line = try JSONValue.parse(Array(json.stdout.utf8))
        #expect(line["valid"] == true && line["asOf"] == "2023-11-14T22:30:00Z" && line["expirationChecked"] == false)
    }

    /// jwt.io's sample token and its secret, as the page shows them.
    static let jwtIOToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30"
    static let jwtIOSecret = "a-string-secret-at-least-256-bits-long"

    @Test("--secret takes TEXT, @FILE, b64: and b64u: for verify and sign; the jwt.io sample verifies; a secret is never echoed")
    func secrets() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret")
        try Data(Self.jwtIOSecret.utf8).write(to: file)
        let forms = [Self.jwtIOSecret, "@" + file.path, "b64:" + Base64.encode(Array(Self.jwtIOSecret.utf8)),
                     "b64u:" + Base64URL.encode(Array(Self.jwtIOSecret.utf8))]
        for form in forms {
            let result = try CLI.run(["verify", "--secret", form, Self.jwtIOToken])
            #expect(result.status == 0 && result.stdout.hasPrefix("OK token"), "\(form): \(result.stdout) \(result.stderr)")
        }
        let wrong = try CLI.run(["verify", "--secret", "wrong-wrong-wrong-wrong-wrong-wrong-wrong", Self.jwtIOToken])
        #expect(wrong.status == 1 && !wrong.stdout.contains("wrong-wrong") && !wrong.stderr.contains("wrong-wrong"))
        let signed = try CLI.run(["sign", "--secret", "b64u:" + Base64URL.encode(Array(Self.jwtIOSecret.utf8)), "--claim", "sub=1"])
        #expect(signed.status == 0)
        #expect(try CLI.run(["verify", "--secret", Self.jwtIOSecret, signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)]).status == 0)
        // The minimum length: as many bytes as the hash (RFC 7518 §3.2), when signing and when verifying.
        let short = try CLI.run(["sign", "--secret", "hunter2", "--claim", "sub=1"])
        #expect(short.status == 2 && short.stderr.contains("fewer than the 32") && !short.stderr.contains("hunter2"), "\(short.stderr)")
        let badBase64 = try CLI.run(["verify", "--secret", "b64:not*base64!", Self.jwtIOToken])
        #expect(badBase64.status == 2 && !badBase64.stderr.contains("not*base64"), "\(badBase64.stderr)")
        let both = try CLI.run(["sign", "--secret", Self.jwtIOSecret, "--key", "keys/dev-ec.jwk", "--claim", "a=1"], in: CLI.projectRoot)
        // A secret beside a key: one signature each (a general JSON serialization), the secret nowhere in it.
        #expect(both.status == 0 && (try? JSONValue.parse(Array(both.stdout.utf8)))?["signatures"]?.elements.count == 2 && !both.stdout.contains(Self.jwtIOSecret))
    }

    @Test("the shipped examples meant to be clean lint with exit 0, today and at the end of 2099")
    func shippedExamples() throws {
        let clean = ["examples/software-statement.jwt", "examples/lint/clean-statement.jwt", "examples/lint/client-credentials-statement.jwt",
                     "examples/lint/service-statement.jwt", "examples/lint/access-token.jwt"]
        for now in [nil, "2099-12-31T00:00:00Z"] {
            let result = try CLI.run(["lint", "--key", Self.statementKey] + (now.map { ["--now", $0] } ?? []) + clean, in: CLI.projectRoot)
            #expect(result.status == 0, "\(now ?? "now"): \(result.stdout)")
            #expect(result.stdout.contains("\(clean.count) tokens: 0 errors"), "\(result.stdout)")
        }
        let ec = try CLI.run(["verify", "--key", "keys/dev-ec.pub.jwk", "--now", "2099-12-31", "examples/tokens/ec-token.jwt"], in: CLI.projectRoot)
        #expect(ec.status == 0, "\(ec.stdout)")
    }
}

@Suite("decode, the forgiving inspector (the real binary)")
struct DecodeInspectorTests {
    @Test("a wrapped token and padded segments decode, each problem a note; alg none is called unsigned")
    func forgiving() throws {
        let wrapped = try CLI.run(["decode", "examples/lint/wrapped-statement.txt"], in: CLI.projectRoot)
        #expect(wrapped.status == 0 && wrapped.stdout.hasPrefix("note: the token holds 15 whitespace characters"), "\(wrapped.stdout)")
        #expect(wrapped.stdout.contains("\"software_id\": \"5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b\""))
        let padded = try CLI.run(["decode", "--json", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0=."])
        let json = try JSONValue.parse(Array(padded.stdout.utf8))
        #expect(json["payload"] == ["sub": "x"] && json["unsigned"] == true && json["verified"] == false)
        #expect(json["notes"]?[index: 0]?.stringValue?.contains("segment 2 (payload) is not strict base64url") == true)
        let text = try CLI.run(["decode", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."])
        #expect(text.stdout.contains("UNSIGNED: alg none"))
    }

    @Test("batches decode as JSON Lines, one object per token, in input order; unreadable ones are named and exit 1")
    func batches() throws {
        let lines = try CLI.run(["decode", "--json", "examples/lint"], in: CLI.projectRoot).stdout.split(separator: "\n")
        #expect(lines.count == 6)
        let inputs = try lines.map { try JSONValue.parse(Array($0.utf8))["input"]?.stringValue ?? "" }
        #expect(inputs.first == "examples/lint/access-token.jwt" && inputs.last == "examples/lint/wrapped-statement.txt")
        let mixed = try CLI.run(["decode", "-"], stdin: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\n!!!!\n")
        #expect(mixed.status == 1 && mixed.stdout.contains("== <stdin>:1") && mixed.stderr.contains("<stdin>:2: not a JWS"), "\(mixed.stdout) \(mixed.stderr)")
    }
}

@Suite("key generate refuses what sign would refuse (the real binary)")
struct KeyGenerateRulesTests {
    @Test("--alg must fit the type and curve; sizes in bits; options that do not apply are errors", arguments: [
        (["--type", "ec", "--curve", "P-256", "--alg", "ES384"], "ES384 needs a P-384 key"),
        (["--type", "rsa", "--alg", "ES256"], "ES256 cannot be used with an RSA key"),
        (["--type", "oct", "--alg", "RS256"], "RS256 cannot be used"),
        (["--type", "ec", "--size", "2048"], "--size does not apply to --type ec"),
        (["--type", "okp", "--size", "256"], "--size does not apply to --type okp"),
        (["--type", "rsa", "--curve", "P-256"], "--curve does not apply to --type rsa"),
        (["--type", "oct", "--size", "128"], "at least 256 bits"),
        (["--type", "oct", "--alg", "HS512", "--size", "256"], "HS512 needs a secret of at least 512 bits"),
        (["--type", "oct", "--size", "260"], "a multiple of 8 bits"),
        (["--type", "ec", "--use", "wrap"], "wrap"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let result = try CLI.run(["key", "generate"] + arguments)
        #expect(result.status == 2 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("what fits is generated: the curve from --alg, oct sizes in bits, use recorded")
    func generated() throws {
        func jwk(_ arguments: [String]) throws -> JSONValue {
            let result = try CLI.run(["key", "generate"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return try JSONValue.parse(Array(result.stdout.utf8))
        }
        let ec = try jwk(["--type", "ec", "--alg", "ES384", "--use", "sig"])
        #expect(ec["crv"] == "P-384" && ec["alg"] == "ES384" && ec["use"] == "sig")
        let secret = try jwk(["--type", "oct", "--size", "384"])
        #expect(try Base64URL.decode(secret["k"]?.stringValue ?? "").count == 48)
        let hs512 = try jwk(["--type", "oct", "--alg", "HS512"])
        #expect(try Base64URL.decode(hs512["k"]?.stringValue ?? "").count == 64)
    }
}

@Suite("scripting: claims checks and extracts, verify --json --claims (the real binary)")
struct ScriptingTests {
    static let statement = "examples/lint/clean-statement.jwt"
    static let key = "keys/dev-statement.pub.jwk"

    @Test("--get takes lint's path syntax and the dotted form; with --software-id every one prints")
    func paths() throws {
        let result = try CLI.run(["claims", "--software-id", "--get", "redirect_uris[1]", "--get", "redirect_uris.0", "--get", "payload.client_name",
                                  Self.statement], in: CLI.projectRoot)
        #expect(result.status == 0)
        #expect(result.stdout == "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b\ncom.example.player:/oauth\nhttps://player.example.com/callback\nExample Player\n")
        let missing = try CLI.run(["claims", "--get", "redirect_uris[7]", Self.statement], in: CLI.projectRoot)
        #expect(missing.status == 1 && missing.stderr.contains("no claim \"redirect_uris[7]\""))
    }

    @Test("claims with a key takes the verify policy options: one run checks and extracts")
    func policy() throws {
        let checked = try CLI.run(["claims", "--key", Self.key, "--iss", "https://auth.example.com", "--alg", "RS256", "--typ", "JWT",
                                   "--require", "software_id", "--get", "software_version", Self.statement], in: CLI.projectRoot)
        #expect(checked.status == 0 && checked.stdout == "2.4.0\n", "\(checked.stderr)")
        let wrongIssuer = try CLI.run(["claims", "--key", Self.key, "--iss", "https://elsewhere", "--get", "software_version", Self.statement], in: CLI.projectRoot)
        #expect(wrongIssuer.status == 1 && wrongIssuer.stdout.isEmpty && wrongIssuer.stderr.contains("payload.iss"))
        let wrongAlg = try CLI.run(["claims", "--key", Self.key, "--alg", "ES256", Self.statement], in: CLI.projectRoot)
        #expect(wrongAlg.status == 1)
        let unkeyed = try CLI.run(["claims", "--iss", "https://auth.example.com", Self.statement], in: CLI.projectRoot)
        #expect(unkeyed.status == 2 && unkeyed.stderr.contains("give the key"))
    }

    @Test("verify --json --claims adds a valid token's claims, and only a valid one's")
    func verifiedClaims() throws {
        let valid = try JSONValue.parse(try CLI.run(["verify", "--key", Self.key, "--json", "--claims", Self.statement], in: CLI.projectRoot).stdout)
        #expect(valid["valid"] == true && valid["claims"]?["software_id"] == "5f6c2a8e-1b3d-4e7f-9a0b-2c4d6e8f1a3b")
        let invalid = try JSONValue.parse(try CLI.run(["verify", "--key", Self.key, "--iss", "x", "--json", "--claims", Self.statement], in: CLI.projectRoot).stdout)
        #expect(invalid["valid"] == false && invalid["claims"] == nil)
        #expect(try CLI.run(["verify", "--key", Self.key, "--claims", Self.statement], in: CLI.projectRoot).status == 2)
    }
}

@Suite("multi-signature JWS: sign with several keys, verify --all-signatures (the real binary)")
struct MultiSignatureTests {
    @Test("several keys make a general JSON serialization with one signature each; --all-signatures needs them all")
    func severalKeys() throws {
        let signed = try CLI.run(["sign", "--key", "keys/dev-ec.jwk", "--key", "keys/dev-statement.jwk", "--claim", "sub=x"], in: CLI.projectRoot)
        #expect(signed.status == 0, "\(signed.stderr)")
        let jws = try JSONValue.parse(Array(signed.stdout.utf8))
        #expect(jws["signatures"]?.elements.count == 2)
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        func verify(_ options: [String]) throws -> CLI.Output { try CLI.run(["verify"] + options + [token], in: CLI.projectRoot) }
        #expect(try verify(["--key", "keys/dev-ec.pub.jwk"]).status == 0, "one signature is enough by default")
        let partial = try verify(["--key", "keys/dev-ec.pub.jwk", "--all-signatures"])
        #expect(partial.status == 1 && partial.stdout.contains("signatures[1]"), "\(partial.stdout)")
        #expect(try verify(["--key", "keys/dev-ec.pub.jwk", "--key", "keys/dev-statement.pub.jwk", "--all-signatures"]).status == 0)
        for refused in [["--serialization", "flattened"], ["--batch"], ["--kid", "k"]] {
            let result = try CLI.run(["sign", "--key", "keys/dev-ec.jwk", "--key", "keys/dev-statement.jwk", "--claim", "sub=x"] + refused, in: CLI.projectRoot)
            #expect(result.status == 2, "\(refused): \(result.stderr)")
        }
    }
}
