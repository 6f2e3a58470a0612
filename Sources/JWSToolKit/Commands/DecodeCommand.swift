import ArgumentParser
import FoundationEssentials
import JOSE

/// `jwstool decode`: show what a token holds, without trusting it.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Show a token's header and payload (compact or JSON serialization). Does not verify anything.")

    @OptionGroup var inputOptions: InputOptions
    @Argument(help: "A token, a file holding one, or - for standard input (default).")
    var input: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let inputs = try TokenInputs.expand(input.map { [$0] } ?? [], limit: inputOptions.maxInput.value)
        guard inputs.count == 1, let token = inputs.first else {
            throw CLIFailure(.usage, "decode takes one token; \(input ?? "the input") holds \(inputs.count) (use verify or lint for batches)")
        }
        let jws: JWS
        do { jws = try JWS.parse(token.text) } catch { throw CLIFailure(.invalid, "\(token.label): \(error)") }
        if output.json {
            print(Self.json(jws).pretty)
        } else {
            print(Self.text(jws, now: .now))
        }
    }

    static func json(_ jws: JWS) -> JSONValue {
        let headers = jws.signatures.map { JSONValue.object($0.header.members.map { ($0.name, $0.value) }) }
        let signatures = jws.signatures.map { JSONValue.string(Base64URL.encode($0.signature)) }
        let compact = jws.serialization == .compact
        return .object([
            ("serialization", .string(jws.serialization.rawValue)),
            ("header", compact ? headers[0] : .array(headers)),
            ("payload", payloadJSON(jws)),
            ("signature", compact ? signatures[0] : .array(signatures)),
            ("verified", false),
        ])
    }

    private static func payloadJSON(_ jws: JWS) -> JSONValue {
        if let claims = jws.claims { return claims }
        if let text = String(validating: jws.payload, as: UTF8.self) { return .string(text) }
        return .object([("base64url", .string(Base64URL.encode(jws.payload)))])
    }

    static func text(_ jws: JWS, now: NumericDate) -> String {
        var lines: [String] = []
        func section(_ title: String) { lines.append(Terminal.styled(title, .bold)) }
        for (index, signature) in jws.signatures.enumerated() {
            let suffix = jws.signatures.count > 1 ? " (signature \(index + 1) of \(jws.signatures.count))" : ""
            if let protected = signature.header.protected {
                section("Header\(suffix):")
                lines.append(protected.pretty)
            }
            if let unprotected = signature.header.unprotected {
                section("Unprotected header\(suffix):")
                lines.append(unprotected.pretty)
            }
        }
        section(jws.isDetached ? "Payload (detached):" : "Payload:")
        if let claims = jws.claims {
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
        } else if let text = String(validating: jws.payload, as: UTF8.self) {
            lines.append(text)
            lines.append(Terminal.styled("(\(jws.payload.count) bytes, not a JSON object: a JWS but not a JWT)", .dim))
        } else {
            lines.append("\(jws.payload.count) bytes of binary data, base64url: \(Base64URL.encode(jws.payload))")
        }
        section("Signature:")
        for signature in jws.signatures {
            let alg = signature.header["alg"]?.stringValue ?? "(no alg)"
            lines.append("  \(alg), \(signature.signature.count) bytes")
        }
        lines.append(Terminal.styled("NOT VERIFIED", .yellow) + ": decode shows the content without checking the signature; use `jwstool verify --key FILE`.")
        return lines.joined(separator: "\n")
    }
}
