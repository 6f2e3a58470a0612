import ArgumentParser
import FoundationEssentials
import JOSE

/// `jwstool sign`: make a JWS or JWT.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a payload or a set of claims as a JWS/JWT.",
        discussion: """
            The payload comes from PAYLOAD (a file or -), or is built from --claim NAME=VALUE (values parsed as JSON \
            when they parse, else taken as strings). The algorithm defaults from the key when unambiguous \
            (RSA → RS256, EC P-256 → ES256, Ed25519 → EdDSA, oct → HS256); kid defaults to the key's own kid or, \
            for public-key algorithms, its RFC 7638 thumbprint. --iat, --nbf and --exp take a TIME: now, a duration \
            from now (90s, 15m, 6h, 30d, 2w; -5m for the past), a Unix timestamp (1700000000) or an ISO 8601 date-time \
            (2026-12-31T23:59:59Z; UTC without an offset); --iat alone means now.
            """)

    enum Serialization: String, ExpressibleByArgument, CaseIterable {
        case compact, json, flattened
    }

    @Option(name: .customLong("key"), help: ArgumentHelp("The private key (PEM, DER or JWK); several make a multi-signature general JSON serialization.", valueName: "file"), completion: .file())
    var keyFiles: [String] = []
    @Option(help: ArgumentHelp("Or an HMAC secret: TEXT, @FILE, b64:BASE64 or b64u:BASE64URL (never echoed).", valueName: "secret")) var secret: String?
    @Option(help: "The algorithm; default from the key.") var alg: Algorithm?
    @Option(help: "The header kid; default the key's kid or thumbprint.") var kid: String?
    @Flag(help: "Put no kid in the header.") var noKid = false
    @Option(help: "The header typ (e.g. JWT, at+jwt).") var typ: String?
    @Option(name: .customLong("header"), help: ArgumentHelp("An extra protected header member (repeatable).", valueName: "name=json"))
    var headers: [String] = []
    @Option(name: .customLong("claim"), help: ArgumentHelp("A claim (repeatable).", valueName: "name=value")) var claims: [String] = []
    @Option(help: ArgumentHelp("Add iat: now when given alone, else at TIME.", valueName: "time")) var iat: String?
    @Option(help: ArgumentHelp("Add nbf at TIME (now, 5m, 1700000000, 2026-12-31T00:00:00Z).", valueName: "time")) var nbf: String?
    @Option(help: ArgumentHelp("Add exp at TIME (1h from now, -5m for an expired test token, a timestamp or a date-time).", valueName: "time")) var exp: String?
    @Flag(help: "Add a random jti.") var jti = false
    @Option(help: "Output form: compact, json (general) or flattened.") var serialization: Serialization = .compact
    @Flag(help: "Leave the payload out of the output (RFC 7515 Appendix F).") var detached = false
    @Flag(help: "Sign the payload unencoded (RFC 7797: b64 false, listed in crit).") var unencoded = false
    @Flag(help: "Allow RSA keys under 2048 bits.") var allowWeakKeys = false
    @Flag(help: "Sign a batch: PAYLOAD (default -) holds one JSON object of claims per line; one compact token per line out, in order.")
    var batch = false
    @OptionGroup var inputOptions: InputOptions
    @Argument(help: "The payload file, or - for standard input. Omit to build claims from --claim.", completion: .file()) var payload: String?

    func validate() throws {
        guard !keyFiles.isEmpty || secret != nil else { throw ValidationError("give the signing key with --key FILE or an HMAC secret with --secret") }
        let count = keyFiles.count + (secret == nil ? 0 : 1)
        if count > 1 {
            guard !batch else { throw ValidationError("--batch makes compact tokens, which carry one signature: give one key") }
            guard serialization != .flattened else { throw ValidationError("the flattened serialization carries one signature; several keys make the general one (--serialization json)") }
            guard kid == nil else { throw ValidationError("--kid names one key; with several keys each gets its own kid") }
        }
    }

    func run() throws {
        var sources = try keyFiles.map { (try KeyLoading.single(at: $0), "key file \($0)") }
        if let secret { sources.append((try SecretArgument.key(secret), "--secret")) }
        var extra: [(String, JSONValue)] = []
        for assignment in headers {
            let (name, value) = try Self.split(assignment, option: "--header")
            guard let json = try? JSONValue.parse(value) else {
                throw ValidationError("--header \(name): \(value) is not JSON (quote strings: \(name)='\"value\"')")
            }
            extra.append((name, json))
        }
        var signers: [JWSSigner.Signing] = []
        for (signingKey, source) in sources {
            guard signingKey.isPrivate else { throw CLIFailure(.usage, "\(source): is a public key; signing needs the private key") }
            guard let algorithm = alg ?? signingKey.algorithm ?? Algorithm.defaultAlgorithm(for: signingKey.type) else {
                throw CLIFailure(.usage, "\(source): \(signingKey.type) fits several algorithms; choose one with --alg")
            }
            if let reason = algorithm.fits(signingKey.type) { throw CLIFailure(.usage, "\(source): \(reason)") }
            var header: [(String, JSONValue)] = []
            if let typ { header.append(("typ", .string(typ))) }
            if let keyID = try headerKeyID(signingKey, algorithm: algorithm) { header.append(("kid", .string(keyID))) }
            signers.append(.init(key: signingKey, algorithm: algorithm, protectedHeader: header + extra))
        }
        let signer = JWSSigner(keyPolicy: allowWeakKeys ? .allowingWeakRSA : .standard)
        if batch, let only = signers.first { return try signBatch(signer: signer, key: only.key, algorithm: only.algorithm, header: only.protectedHeader) }
        let body = try payloadBytes()
        do {
            let jws = try signer.sign(body, with: signers, encodePayload: !unencoded, detached: detached)
            // Several signatures need the general JSON serialization, whatever the default.
            let form: JWS.Serialization = switch serialization {
            case .compact: signers.count > 1 ? .general : .compact
            case .json: .general
            case .flattened: .flattened
            }
            print(try jws.serialized(as: form))
        } catch {
            throw CLIFailure(.usage, error.description)
        }
    }

    private func headerKeyID(_ key: Key, algorithm: Algorithm) throws -> String? {
        if noKid { return nil }
        if let kid { return kid }
        return try key.defaultKeyID(for: algorithm)
    }

    /// The claims the options add: --claim, --iat, --nbf, --exp (the same for every token of a run); --jti is per token.
    private func optionClaims() throws -> [(String, JSONValue)] {
        let now = NumericDate.now
        var members: [(String, JSONValue)] = []
        for assignment in claims {
            let (name, value) = try Self.split(assignment, option: "--claim")
            members.append((name, (try? JSONValue.parse(value)) ?? .string(value)))
        }
        for (name, value) in [("iat", iat), ("nbf", nbf), ("exp", exp)] {
            guard let value else { continue }
            let seconds = try TimeArgument.parse(value, option: "--\(name)", now: now)
            if value.allSatisfy(\.isNumber), seconds < 1_000_000_000 {
                Terminal.note("jwstool: --\(name) \(value) is a Unix timestamp, \(NumericDate(Double(seconds))); for a time from now give a unit (\(value)s, \(value)m, \(value)h)")
            }
            members.append((name, .integer(seconds)))
        }
        return members
    }

    /// A fresh random `jti` (128 bits).
    static func randomJTI() -> (String, JSONValue) {
        var random = SystemRandomNumberGenerator()
        return ("jti", .string(Base64URL.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })))
    }

    private func payloadBytes() throws -> [UInt8] {
        var members = try optionClaims()
        if jti { members.append(Self.randomJTI()) }
        guard let payload else {
            if members.isEmpty { throw ValidationError("give a PAYLOAD file, or claims with --claim NAME=VALUE") }
            return JSONValue.object(members).serialized()
        }
        let bytes = try Files.read(payload, what: "payload")
        if members.isEmpty { return bytes }
        guard let object = try? JSONValue.parse(bytes), object.isObject else {
            throw CLIFailure(.usage, "payload \(payload): claims options need a JSON object payload to add to")
        }
        return members.reduce(object) { $0.setting($1.0, to: $1.1) }.serialized()
    }

    /// `--batch`: one claims object per input line, signed by --jobs workers in chunks, one token per line in order.
    private func signBatch(signer: JWSSigner, key: Key, algorithm: Algorithm, header: [(String, JSONValue)]) throws {
        guard serialization == .compact, !detached, !unencoded else {
            throw ValidationError("--batch makes compact tokens: leave out --serialization, --detached and --unencoded")
        }
        let members = try optionClaims()
        let addsJTI = jti
        let source = payload ?? "-"
        let limit = inputOptions.limits.maxInput
        let place = "payload \(source == "-" ? "<stdin>" : source)"
        // Streamed like verify: lines are read, signed by --jobs workers and printed in input order, all at once.
        try OrderedPipeline.run(
            jobs: inputOptions.limits.jobs,
            produce: { submit in
                let input = try InputFile(source, what: "payload", limit: limit)
                var lines = LineReader()
                var batcher = Batcher<(line: Int, text: String)>(submit: submit)
                while true {
                    try batcher.flush(before: input)
                    let bytes = try input.nextChunk()
                    if bytes.isEmpty { break }
                    try lines.feed(bytes) { if !$1.isEmpty { try batcher.add(($0, $1)) } }
                }
                if let last = lines.finish(), !last.text.isEmpty { try batcher.add(last) }
                try batcher.flush()
            },
            transform: { entry -> Result<String, CLIFailure> in
                guard let object = try? JSONValue.parse(entry.text), object.isObject else {
                    return .failure(CLIFailure(.usage, "\(place):\(entry.line): not a JSON object of claims"))
                }
                var claims = members.reduce(object) { $0.setting($1.0, to: $1.1) }
                if addsJTI {
                    let (name, value) = Self.randomJTI()
                    claims = claims.setting(name, to: value)
                }
                do { return .success(try signer.signJWT(claims, key: key, algorithm: algorithm, header: header)) } catch {
                    return .failure(CLIFailure(.usage, "\(place):\(entry.line): \(error)"))
                }
            },
            consume: { _, signed in
                for result in signed { print(try result.get()) }
                Terminal.flushOutput()
            })
    }

    static func split(_ assignment: String, option: String) throws -> (String, String) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw ValidationError("\(option) \(assignment): expected NAME=VALUE")
        }
        return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }

    /// The command line with a bare `--iat` (not followed by a time) given its implicit value, `now` — ArgumentParser
    /// has no options with an optional value.
    static func completingBareIssuedAt(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName else { return arguments }
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            result.append(argument == "--iat" && !(next.map(TimeArgument.isTime) ?? false) ? "--iat=now" : argument)
        }
        return result
    }
}
