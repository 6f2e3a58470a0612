import Foundation
import Testing

@Suite("jwstool end to end (the real binary)")
struct CommandTests {
    @Test("key generate writes four files, private ones 0600, and refuses to overwrite", arguments: ["rsa", "ec", "okp"])
    func generate(type: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["key", "generate", "--type", type, "--out", "k"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        for (suffix, mode) in [(".pem", 0o600), (".jwk", 0o600), (".pub.pem", 0o644), (".pub.jwk", 0o644)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("k" + suffix).path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "k\(suffix)")
        }
        let before = try Data(contentsOf: directory.appendingPathComponent("k.pem"))
        let again = try CLI.run(["key", "generate", "--type", type, "--out", "k"], in: directory)
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: directory.appendingPathComponent("k.pem")) == before)
    }

    @Test("sign → decode → verify round trip for each key type and serialization", arguments: [
        ("rsa", "compact"), ("ec", "json"), ("okp", "flattened"), ("oct", "compact"),
    ])
    func roundTrip(type: String, serialization: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", type, "--out", "k"], in: directory)
        let verifyKey = type == "oct" ? "k.jwk" : "k.pub.pem"
        let signed = try CLI.run(["sign", "--key", "k.jwk", "--typ", "JWT", "--claim", "iss=me", "--claim", "n=3", "--iat", "--exp", "1h",
                                  "--jti", "--serialization", serialization], in: directory)
        #expect(signed.status == 0, "\(signed.stderr)")
        let token = signed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let decoded = try CLI.run(["decode", "--json", token], in: directory)
        #expect(decoded.status == 0)
        #expect(decoded.stdout.contains("\"verified\":false") && decoded.stdout.contains("\"n\":3"), "\(decoded.stdout)")
        let verified = try CLI.run(["verify", "--key", verifyKey, "--iss", "me", "--typ", "jwt", "--require", "jti", "--max-age", "5m", token], in: directory)
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        #expect(verified.stdout.hasPrefix("OK "))
        let wrong = try CLI.run(["verify", "--key", verifyKey, "--iss", "you", token], in: directory)
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains(#"payload.iss: is string "me", expected "you""#))
    }

    @Test("decode shows times and a NOT VERIFIED line")
    func decodeText() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", "ec", "--out", "k"], in: directory)
        let token = try CLI.run(["sign", "--key", "k.pem", "--claim", "sub=x", "--iat", "--exp", "5h"], in: directory).stdout
        let decoded = try CLI.run(["decode", "-"], stdin: token, in: directory)
        #expect(decoded.stdout.contains("NOT VERIFIED"))
        #expect(decoded.stdout.contains("exp      "))
        #expect(decoded.stdout.contains("(in 4h)") || decoded.stdout.contains("(in 5h)"))
        #expect(!decoded.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test("verify a batch: a directory and a file with one token per line, JSON Lines, exit 1 when any fails")
    func batch() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", "ec", "--out", "k"], in: directory)
        let tokens = try (0..<40).map { index in
            try CLI.run(["sign", "--key", "k.pem", "--claim", "i=\(index)", "--exp", "1h"], in: directory).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let batchDirectory = directory.appendingPathComponent("tokens")
        try FileManager.default.createDirectory(at: batchDirectory, withIntermediateDirectories: true)
        try (tokens[0..<20].joined(separator: "\n") + "\n").write(to: batchDirectory.appendingPathComponent("many.txt"), atomically: true, encoding: .utf8)
        try tokens[20].write(to: batchDirectory.appendingPathComponent("one.jwt"), atomically: true, encoding: .utf8)
        let ok = try CLI.run(["verify", "--key", "k.pub.jwk", "tokens"], in: directory)
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.split(separator: "\n").count == 21)
        #expect(ok.stdout.contains("OK tokens/many.txt:20"))
        try "not-a-token.x.y\n".write(to: batchDirectory.appendingPathComponent("zbad.txt"), atomically: true, encoding: .utf8)
        let mixed = try CLI.run(["verify", "--key", "k.pub.jwk", "--json", "tokens", "-"], stdin: tokens[21...].joined(separator: "\n"), in: directory)
        #expect(mixed.status == 1)
        let lines = mixed.stdout.split(separator: "\n")
        #expect(lines.count == 41)
        #expect(lines.filter { $0.contains(#""valid":false"#) }.count == 1)
        #expect(lines.last?.contains(#""input":"<stdin>:19""#) == true)
    }

    @Test("usage errors and unreadable inputs exit 2 with the file and the reason")
    func usageErrors() throws {
        let missingKey = try CLI.run(["verify", "--key", "/nonexistent/key.pem", "a.b.c"])
        #expect(missingKey.status == 2 && missingKey.stderr.contains("key file /nonexistent/key.pem: no such file"))
        let noKey = try CLI.run(["verify", "a.b.c"])
        #expect(noKey.status == 2 && noKey.stderr.contains("--key"))
        let badFlag = try CLI.run(["verify", "--frobnicate"])
        #expect(badFlag.status == 2)
        let notKey = try CLI.run(["verify", "--key", "/etc/hostname", "a.b.c"])
        #expect(notKey.status == 2 && notKey.stderr.contains("key file /etc/hostname:"))
        let missingInput = try CLI.run(["decode", "/nonexistent/token.jwt"])
        #expect(missingInput.status == 2 && missingInput.stderr.contains("no such file"))
        let badToken = try CLI.run(["decode", "abc.def"])
        #expect(badToken.status == 2 || badToken.status == 1)
        #expect(!badToken.stderr.contains("Fatal error") && !badToken.stderr.contains("Stack"))
    }

    @Test("an invalid token exits 1 with the reason, never a crash", arguments: [
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "e30.e30.e30", "ex.y.z", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA",
    ])
    func invalidTokens(token: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", "ec", "--out", "k"], in: directory)
        let result = try CLI.run(["verify", "--key", "k.pub.pem", token], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("FAIL token: "))
    }

    @Test("key public, convert, thumbprint and jwks")
    func keyCommands() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", "rsa", "--out", "r", "--kid", "r1"], in: directory)
        try CLI.run(["key", "generate", "--type", "okp", "--out", "e"], in: directory)
        let thumbprint = try CLI.run(["key", "thumbprint", "r.pem"], in: directory).stdout
        #expect(try CLI.run(["key", "thumbprint", "r.pub.jwk"], in: directory).stdout == thumbprint)
        #expect(try CLI.run(["key", "thumbprint", "--hash", "sha512", "r.pub.jwk"], in: directory).stdout.count == 87)
        let publicJWK = try CLI.run(["key", "public", "r.pem"], in: directory).stdout
        #expect(publicJWK.contains("\"n\"") && !publicJWK.contains("\"d\""))
        let convertedPEM = try CLI.run(["key", "convert", "r.jwk", "--to", "pem"], in: directory).stdout
        #expect(convertedPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let jwks = try CLI.run(["key", "jwks", "r.pem", "e.pub.pem"], in: directory)
        #expect(jwks.status == 0 && jwks.stdout.contains("\"keys\"") && !jwks.stdout.contains("\"d\""))
        try CLI.run(["key", "generate", "--type", "oct", "--out", "h"], in: directory)
        #expect(try CLI.run(["key", "jwks", "h.jwk"], in: directory).status == 2)
    }

    @Test("sign: detached and unencoded payloads verify with --detached-payload")
    func detached() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["key", "generate", "--type", "ec", "--out", "k"], in: directory)
        try "$.02".write(to: directory.appendingPathComponent("payload.txt"), atomically: true, encoding: .utf8)
        let token = try CLI.run(["sign", "--key", "k.pem", "--detached", "--unencoded", "payload.txt"], in: directory).stdout
        #expect(token.contains(".."))
        let result = try CLI.run(["verify", "--key", "k.pub.pem", "--detached-payload", "payload.txt", token.trimmingCharacters(in: .whitespacesAndNewlines)], in: directory)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("no claims were checked"))
    }
}
