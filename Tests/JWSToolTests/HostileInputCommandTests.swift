import Foundation
import JOSE
import Testing

/// The real binary against hostile input: every command gives a verdict and a documented exit code, never a trap;
/// private files are created 0600 whatever the umask.
@Suite("jwstool on hostile input")
struct HostileInputCommandTests {
    /// The example statement (signed by `keys/dev-statement`) and the path of the key that verifies it.
    static func statement() throws -> String {
        try String(contentsOf: CLI.projectRoot.appendingPathComponent("examples/software-statement.jwt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    static let key = CLI.projectRoot.appendingPathComponent("keys/dev-statement.pub.jwk").path

    static func token(exp value: String) -> String {
        Base64URL.encode(Array(#"{"alg":"RS256","typ":"at+jwt"}"#.utf8)) + "." + Base64URL.encode(Array(#"{"exp":\#(value),"iat":\#(value)}"#.utf8)) + ".AAAA"
    }

    @Test("time claims of any magnitude: decode, verify (with --max-age), lint and claims exit 0, 1 or 2, never trap",
          arguments: ["-1e19", "1e19", "1e308", "-1e308", "-0", "1700000000000"])
    func timeClaims(value: String) throws {
        let token = Self.token(exp: value)
        for arguments in [["decode", token], ["verify", "--key", Self.key, token], ["verify", "--key", Self.key, "--max-age", "1h", token],
                          ["lint", token], ["lint", "--profile", "access-token", token], ["claims", token]] {
            let result = try CLI.run(arguments)
            #expect([0, 1, 2].contains(result.status), "\(arguments[0]) exited \(result.status): \(result.stderr)")
        }
        let verified = try CLI.run(["verify", "--key", Self.key, token])
        if NumericDate(claim: Double(value) ?? 0) == nil { #expect(verified.stdout.contains("out of range for a NumericDate")) }
    }

    @Test("an oversized standard input is refused with exit 2 and the limit, not read to the end")
    func inputLimit() throws {
        let result = try CLI.run(["lint", "--max-input", "1K", "-"], stdin: String(repeating: "x", count: 4096))
        #expect(result.status == 2)
        #expect(result.stderr.contains("larger than the input limit of 1K"))
    }

    @Test("a file is split as it is read: CRLF lines, comments, wrapped tokens, one-token files labelled by name")
    func splitting() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try Self.statement()
        let half = token.index(token.startIndex, offsetBy: token.count / 2)
        let batch = "# two tokens, CRLF\r\n\(token)\r\n\r\n\(token[..<half])\r\n\(token[half...])\r\n"
        try batch.write(to: directory.appendingPathComponent("batch.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["verify", "--key", Self.key, "batch.txt"], in: directory)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("OK batch.txt:2") == true)
        #expect(lines.last?.hasPrefix("FAIL batch.txt:4") == true)
        #expect(result.stdout.contains("whitespace") || result.stdout.contains("segment"), "\(result.stdout)")

        try "\n\n\(token)\n".write(to: directory.appendingPathComponent("one.jwt"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["verify", "--key", Self.key, "one.jwt"], in: directory).stdout.hasPrefix("OK one.jwt\n"))
        try "".write(to: directory.appendingPathComponent("empty.txt"), atomically: true, encoding: .utf8)
        let empty = try CLI.run(["verify", "--key", Self.key, "empty.txt"], in: directory)
        #expect(empty.status == 1 && empty.stdout.hasPrefix("FAIL empty.txt"))
    }

    @Test("batches keep input order across chunks whatever --jobs is; --quiet prints only failures; a summary goes to stderr")
    func batchOrder() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try Self.statement()
        // 2,500 lines: invalid tokens just before, at and after a batch boundary (256) and near the end.
        let invalidLines: Set<Int> = [255, 256, 257, 1024, 2400]
        let lines = (1...2500).map { invalidLines.contains($0) ? "eyJhbGciOiJIUzI1NiJ9.e30.AAAA" : token }
        try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("batch.txt"), atomically: true, encoding: .utf8)
        let one = try CLI.run(["verify", "--jobs", "1", "--key", Self.key, "batch.txt"], in: directory)
        let four = try CLI.run(["verify", "--jobs", "4", "--key", Self.key, "batch.txt"], in: directory)
        #expect(one.status == 1 && one.stdout == four.stdout)
        let failures = one.stdout.split(separator: "\n").enumerated().filter { $0.element.hasPrefix("FAIL") }.map { $0.offset + 1 }
        #expect(Set(failures) == invalidLines)
        #expect(one.stderr.contains("2500 tokens: 2495 valid, 5 invalid"))
        let quiet = try CLI.run(["verify", "--quiet", "--key", Self.key, "batch.txt"], in: directory)
        #expect(quiet.stdout.split(separator: "\n").count == 5 && !quiet.stdout.contains("OK "))
    }

    @Test("private files are created 0600 and public ones 0644 under a permissive and a restrictive umask", arguments: ["0000", "0077"])
    func fileModes(umask: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state")
        let script = "umask \(umask) && \"\(CLI.binary.path)\" key generate --type ec --out signer && \"\(CLI.binary.path)\" app init --state-dir \"\(state.path)\""
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
        }
        for name in ["signer.pem", "signer.jwk"] { #expect(try mode(directory.appendingPathComponent(name).path) == 0o600, "\(name)") }
        for name in ["signer.pub.pem", "signer.pub.jwk"] { #expect(try mode(directory.appendingPathComponent(name).path) == 0o644, "\(name)") }
        #expect(try mode(state.path) == 0o700)
        let secrets = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { !$0.contains(".pub.") && !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") }
        #expect(!secrets.isEmpty)
        for name in secrets { #expect(try mode(state.appendingPathComponent(name).path) == 0o600, "\(name)") }
    }

    @Test("serve refuses out-of-range limits with exit 2 before it creates any state",
          arguments: [["--idle-timeout", "0"], ["--header-timeout", "86401"], ["--max-connections", "0"], ["--usage-retention", "1e308"]])
    func serveLimits(flag: [String]) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state")
        let result = try CLI.run(["serve", "--state-dir", state.path] + flag)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(flag[0]))
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    @Test("a loose state directory is tightened to 0700")
    func looseStateDirectory() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        let result = try CLI.run(["app", "init", "--state-dir", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int) == 0o700)
    }
}
