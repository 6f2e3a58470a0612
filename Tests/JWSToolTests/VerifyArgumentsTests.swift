import Foundation
@testable import JWSToolKit
import Testing

/// `jwstool verify` reads its command line without ArgumentParser when it can (``VerifyArguments``, for a fast start);
/// these tests hold that reader to ArgumentParser's result, and to declining whatever it does not handle.
@Suite("verify's fast command-line reader agrees with ArgumentParser")
struct VerifyArgumentsTests {
    /// Command lines a script writes, covering every option of `verify`, both spellings of a value, repeats, `--`.
    static let commandLines: [[String]] = [
        ["--key", "k.jwk", "token"],
        ["--key=k.jwk", "a.jwt", "b.jwt"],
        ["a.jwt", "--key", "k.jwk", "b.jwt"],
        ["--key", "k.jwk"],
        ["--key", "a.pem", "--key", "b.jwk", "--secret", "s3cret", "--trust", "ca.pem", "--alg", "RS256", "--alg=ES256", "-"],
        ["--key", "k", "--iss", "issuer", "--aud", "audience", "--sub", "subject", "--typ", "JWT", "--leeway", "30",
         "--require", "jti", "--require=software_id", "--max-age", "1h", "--now", "1700000000", "--ignore-exp", "t"],
        ["--key", "k", "--json", "--claims", "-q", "--all-signatures", "--detached-payload", "payload.bin",
         "--max-input", "64K", "--jobs", "3", "t"],
        ["--quiet", "--key", "k", "--leeway=0.5", "t"],
        ["--key", "k", "--", "--not-an-option", "-", "help"],
        ["--secret", "b64u:c2VjcmV0", "--now", "-30d", "t"],
        ["--key", "k", "--offline", "--allow-weak-keys", "--jwks-url", "https://example.com/jwks", "--oidc-issuer",
         "https://issuer.example", "t"],
        ["--trust", "ca.pem", "--max-input=1G", "t"],
        ["--alg", "none", "--key", "k", "t"],
        // Extremes: both readers take them; the run refuses an infinite leeway (exit 2, `extremes` below).
        ["--key", "k", "--leeway", "1e308", "--jobs", "1024", "--max-input", "8G", "t"],
        ["--key", "k", "--leeway=1e309", "--max-age", "1e308s", "t"],
        ["--key", "k", "--iss", "=starts with equals", "--aud=a=b", "t"],
    ]

    @Test("the same Verification as ArgumentParser's for every option", arguments: commandLines)
    func agrees(_ commandLine: [String]) throws {
        let arguments = OfflineCommands.arguments(["verify"] + commandLine)
        let parsed = try VerifyCommand.parse(Array(arguments.dropFirst())).verification
        let fast = try #require(VerifyArguments.verification(arguments), "declined \(commandLine)")
        #expect(fast == parsed)
    }

    /// Command lines the reader leaves to ArgumentParser: help, errors, and what it is not sure of.
    static let declined: [[String]] = [
        ["--help"], ["-h"], ["help"], ["--version"], ["--key", "k", "--bogus", "t"], ["--key"], ["--key", "--json", "t"],
        ["--leeway", "soon", "--key", "k", "t"], ["--alg", "HS999", "--key", "k", "t"], ["--jobs", "0", "--key", "k", "t"],
        ["t"], ["--claims", "--key", "k", "t"], ["--json=yes", "--key", "k", "t"], ["--iss", "a", "--iss", "b", "--key", "k", "t"],
        ["-q", "--quiet", "--key", "k", "t"], ["-qq", "--key", "k", "t"], ["--key=", "t"], ["--key", "k", "-x", "t"],
        ["--max-input", "0", "--key", "k", "t"], ["--jobs", "99999999999999999999", "--key", "k", "t"],
        ["--max-input", "9223372036854775807K", "--key", "k", "t"], ["--jobs", "1025", "--key", "k", "t"],
    ]

    @Test("declines help, errors and anything unusual, for ArgumentParser to answer", arguments: declined)
    func declines(_ commandLine: [String]) {
        #expect(VerifyArguments.verification(OfflineCommands.arguments(["verify"] + commandLine)) == nil)
    }

    @Test("extreme option values through the real binary: exit 2 with the option named, never a trap")
    func extremes() throws {
        let statement = CLI.projectRoot.appendingPathComponent("examples/software-statement.jwt").path
        let key = CLI.projectRoot.appendingPathComponent("keys/dev-statement.pub.jwk").path
        for (options, named) in [(["--leeway", "nan"], "--leeway"), (["--leeway", "1e309"], "--leeway"), (["--leeway", "-1e308"], "--leeway"),
                                 (["--jobs", "99999999999999999999"], "--jobs"), (["--max-input", "9223372036854775807K"], "--max-input")] {
            let result = try CLI.run(["verify", "--key", key] + options + [statement])
            #expect(result.status == 2 && result.stderr.contains(named), "\(options): \(result.status) \(result.stderr)")
        }
        #expect(try CLI.run(["verify", "--key", key, "--leeway", "1e308", statement]).status == 0)
    }

    @Test("only verify command lines")
    func onlyVerify() {
        #expect(VerifyArguments.verification(["decode", "t"]) == nil)
        #expect(VerifyArguments.verification([]) == nil)
    }

    @Test("knows exactly the options VerifyCommand declares")
    func everyOption() {
        let help = VerifyCommand.helpMessage(columns: 10_000)
        let declared = Set(help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "(" || $0 == ")" })
            .map { $0.split(separator: "=").first.map(String.init) ?? "" }
            .filter { $0.range(of: #"^--?[a-z][a-z-]*$"#, options: .regularExpression) != nil })
            .subtracting(["--help", "-h"])
        #expect(!declared.isEmpty)
        #expect(declared == VerifyArguments.names, "only in help: \(declared.subtracting(VerifyArguments.names)); only in the reader: \(VerifyArguments.names.subtracting(declared))")
    }
}
