import Foundation
import Testing

/// `jwstool` is the small, statically linked offline CLI; the network commands run in `jwstool-dcr` beside it.
@Suite("jwstool hands the network commands to jwstool-dcr")
struct CompanionTests {
    @Test("help lists every command, and the network commands' own help comes from jwstool-dcr under jwstool's name")
    func help() throws {
        let root = try CLI.run(["--help"])
        #expect(root.status == 0)
        for command in ["decode", "verify", "sign", "lint", "claims", "key", "app", "register", "token", "call", "serve", "inspect"] {
            #expect(root.stdout.contains("  \(command) "), "\(command) missing from\n\(root.stdout)")
        }
        for arguments in [["register", "--help"], ["help", "register"]] {
            let help = try CLI.run(arguments)
            #expect(help.status == 0, "\(help.stderr)")
            #expect(help.stdout.contains("USAGE: jwstool register"), "\(help.stdout)")
            #expect(help.stdout.contains("--show-secret"))
        }
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("0."))
        // `app create --version` is the application's version; no second, automatic --version beside it.
        let appHelp = try CLI.run(["app", "create", "--help"]).stdout
        #expect(appHelp.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--version") }.count == 1, "\(appHelp)")
    }

    @Test("jwstool is one static executable with no network stack in it; jwstool-dcr does the networking")
    func linkage() throws {
        // No dynamic loader and no shared library: the Swift runtime, Foundation, OpenSSL and jansson are linked in.
        let ldd = try CLI.execute(URL(fileURLWithPath: "/usr/bin/ldd"), [CLI.binary.path])
        #expect((ldd.stdout + ldd.stderr).contains("not a dynamic executable"), "\(ldd.stdout)")
        let symbols = try CLI.execute(URL(fileURLWithPath: "/usr/bin/nm"), ["--defined-only", CLI.binary.path])
        #expect(symbols.status == 0)
        for module in ["7NIOCore", "11Hummingbird", "4GRDB", "15AsyncHTTPClient", "sqlite3_open"] {
            #expect(!symbols.stdout.contains(module), "jwstool holds \(module)")
        }
        #expect(symbols.stdout.contains("EVP_DigestVerifyInit"))
    }

    @Test("without jwstool-dcr beside it, a network command exits 2 and says what is missing; offline commands still work")
    func missingCompanion() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lonely = directory.appendingPathComponent("jwstool")
        try FileManager.default.copyItem(at: CLI.binary, to: lonely)
        let result = try CLI.execute(lonely, ["register", "statement.jwt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("jwstool-dcr"), "\(result.stderr)")
        let statement = CLI.projectRoot.appendingPathComponent("examples/software-statement.jwt").path
        let key = CLI.projectRoot.appendingPathComponent("keys/dev-statement.pub.jwk").path
        #expect(try CLI.execute(lonely, ["verify", "--key", key, statement]).stdout.hasPrefix("OK "))
    }
}

@Suite("shell completions (the real binary)")
struct CompletionTests {
    @Test("jwstool --generate-completion-script covers every command, the network ones included, and completes file names",
          arguments: ["bash", "zsh", "fish"])
    func scripts(_ shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        for word in ["verify", "lint", "register", "serve", "port-file", "all-signatures", "secret"] {
            #expect(result.stdout.contains(word), "\(shell): \(word) missing")
        }
        // --key completes file names: each shell's own way of saying so.
        let fileCompletion = ["bash": "'--key')\n        __jwstool_add_completions -f", "zsh": "--key[A key file\\: PEM, DER, certificate, JWK or JWK Set (repeatable).]:file:_files",
                              "fish": "-l 'key' -d 'A key file: PEM, DER, certificate, JWK or JWK Set (repeatable).' -rF"][shell] ?? "?"
        #expect(result.stdout.contains(fileCompletion), "\(shell): --key does not complete file names")
    }
}
