import Foundation
import Testing

/// `jwstool sign --batch`: one claims object per line in, one token per line out, in order, verified by `verify`.
@Suite("jwstool sign --batch")
struct BatchSigningTests {
    @Test("2,000 claim lines sign into 2,000 tokens in order, each with its own jti, and verify")
    func roundTrip() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = CLI.projectRoot.appendingPathComponent("keys/dev-ec")
        let claims = (1...2000).map { #"{"sub":"user-\#($0)","n":\#($0)}"# }.joined(separator: "\r\n") + "\n\n"
        try claims.write(to: directory.appendingPathComponent("claims.jsonl"), atomically: true, encoding: .utf8)
        let signed = try CLI.run(["sign", "--batch", "--key", key.path + ".pem", "--claim", "iss=batch", "--exp", "1h", "--jti", "claims.jsonl"],
                                 in: directory)
        #expect(signed.status == 0, "\(signed.stderr)")
        let tokens = signed.stdout.split(separator: "\n").map(String.init)
        #expect(tokens.count == 2000)
        try tokens.joined(separator: "\n").write(to: directory.appendingPathComponent("tokens.txt"), atomically: true, encoding: .utf8)
        let verified = try CLI.run(["verify", "--key", key.path + ".pub.jwk", "--iss", "batch", "--json", "tokens.txt"], in: directory)
        #expect(verified.status == 0, "\(verified.stdout.prefix(300))")
        let subjects = try tokens.map { token -> String in
            let claims = try CLI.run(["claims", "--get", "sub", token])
            return claims.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }.prefix(3)
        #expect(Array(subjects) == ["user-1", "user-2", "user-3"])
        let jtis = Set(try tokens.suffix(20).map { try CLI.run(["claims", "--get", "jti", $0]).stdout })
        #expect(jtis.count == 20)
    }

    @Test("a line that is not a claims object stops the batch with exit 2 and names the line")
    func badLine() throws {
        let key = CLI.projectRoot.appendingPathComponent("keys/dev-ec.pem").path
        let result = try CLI.run(["sign", "--batch", "--key", key, "-"], stdin: "{\"a\":1}\n[1,2]\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:2: not a JSON object of claims"), "\(result.stderr)")
    }
}
