import ArgumentParser
import FoundationEssentials
import JOSE

/// `jwstool decode`: show what a token holds, without trusting it — the forgiving inspector: it reads what `lint`
/// reads (wrapped tokens, padded segments), saying what it had to forgive.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show a token's header and payload (compact or JSON serialization). Does not verify anything.",
        discussion: """
            Reads tokens wrapped across lines or with padded base64 too, and notes each problem. Several tokens \
            (files, a directory, -) are shown one after another, or with --json as JSON Lines, one object per token. \
            Exit status 0 when every token could be read, 1 when one could not, 2 for usage errors.
            """)

    @OptionGroup var inputOptions: InputOptions
    @Argument(help: "Tokens, files (one token, or one per line), directories, or - for standard input (default).", completion: .file())
    var inputs: [String] = []

    @OptionGroup var output: OutputOptions

    func run() throws {
        let now = NumericDate.now
        var (count, unreadable) = (0, 0)
        try TokenInputs.process(inputs, limits: inputOptions.limits, transform: { DecodedToken($0.text) }) { tokens, decoded in
            for (token, decoded) in zip(tokens, decoded) {
                count += 1
                guard let decoded else {
                    unreadable += 1
                    if output.json {
                        print(JSONValue.object([("input", .string(token.label)), ("error", "not a JWS: no header or payload could be read")]).compact)
                    } else {
                        Terminal.error("\(token.label): not a JWS: no header or payload could be read")
                    }
                    continue
                }
                if output.json {
                    print(Self.json(decoded, input: token.label).compact)
                } else {
                    // A title for each token of a batch (several inputs, or a file or stream whose tokens are labelled by line).
                    if token.label != "token" && (inputs.count > 1 || count > 1 || token.label.contains(":")) {
                        print(Terminal.styled("== \(token.label)", .bold))
                    }
                    print(Self.text(decoded, now: now))
                }
            }
        }
        if unreadable > 0 { throw ExitCode(CLIFailure.Status.invalid.rawValue) }
    }

    static func json(_ token: DecodedToken, input: String) -> JSONValue {
        let headers = token.signatures.map { signature in
            JSONValue.object((signature.protected?.members ?? []).map { ($0.name, $0.value) } + (signature.unprotected?.members ?? []).map { ($0.name, $0.value) })
        }
        let signatures = token.signatures.map { JSONValue.string(Base64URL.encode($0.bytes)) }
        let compact = token.serialization == "compact"
        var members: [(String, JSONValue)] = [
            ("input", .string(input)),
            ("serialization", .string(token.serialization)),
            ("header", compact ? headers[0] : .array(headers)),
            ("payload", payloadJSON(token)),
            ("signature", compact ? signatures[0] : .array(signatures)),
            ("verified", false),
        ]
        if token.signatures.contains(where: \.isUnsigned) { members.append(("unsigned", true)) }
        if !token.notes.isEmpty { members.append(("notes", .array(token.notes.map { .string($0) }))) }
        return .object(members)
    }

    private static func payloadJSON(_ token: DecodedToken) -> JSONValue {
        if let claims = token.claims { return claims }
        if let text = String(validating: token.payload, as: UTF8.self) { return .string(text) }
        return .object([("base64url", .string(Base64URL.encode(token.payload)))])
    }

    static func text(_ token: DecodedToken, now: NumericDate) -> String {
        var lines: [String] = []
        func section(_ title: String) { lines.append(Terminal.styled(title, .bold)) }
        for note in token.notes { lines.append(Terminal.styled("note: ", .cyan) + note) }
        for (index, signature) in token.signatures.enumerated() {
            let suffix = token.signatures.count > 1 ? " (signature \(index + 1) of \(token.signatures.count))" : ""
            if let protected = signature.protected {
                section("Header\(suffix):")
                lines.append(protected.pretty)
            }
            if let unprotected = signature.unprotected {
                section("Unprotected header\(suffix):")
                lines.append(unprotected.pretty)
            }
        }
        section(token.isDetached ? "Payload (detached):" : "Payload:")
        if let claims = token.claims {
            lines.append(claims.pretty)
            let timeClaims: [String] = ["iat", "nbf", "exp", "auth_time"]
            let times = timeClaims.compactMap { name -> String? in
                guard let value = claims[name], let seconds = value.numberValue else { return nil }
                let label = name.padded(to: 9)
                guard let date = NumericDate(claim: seconds) else { return "  \(label)\(NumericDate.outOfRange(seconds, excerpt: value.excerpt))" }
                return "  \(label)\(date.iso8601)  (\(date.relative(to: now)))"
            }
            if !times.isEmpty {
                section("Times (UTC):")
                lines += times
            }
        } else if let text = String(validating: token.payload, as: UTF8.self) {
            lines.append(text)
            lines.append(Terminal.styled("(\(token.payload.count) bytes, not a JSON object: a JWS but not a JWT)", .dim))
        } else {
            lines.append("\(token.payload.count) bytes of binary data, base64url: \(Base64URL.encode(token.payload))")
        }
        section("Signature:")
        for signature in token.signatures {
            if signature.isUnsigned {
                lines.append("  " + Terminal.styled("UNSIGNED", .red) + ": alg \(signature.algorithm ?? "none"), \(signature.bytes.count) bytes of signature; nothing vouches for this content, and no verifier accepts it")
            } else {
                lines.append("  \(signature.algorithm ?? "(no alg)"), \(signature.bytes.count) bytes")
            }
        }
        lines.append(Terminal.styled("NOT VERIFIED", .yellow) + ": decode shows the content without checking the signature; use `jwstool verify --key FILE`.")
        return lines.joined(separator: "\n")
    }
}
