import ArgumentParser
import JOSE

/// `jwstool key generate`.
struct KeyGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a key pair (or an HMAC secret).",
        discussion: """
            With --out PREFIX writes PREFIX.pem and PREFIX.jwk (private, mode 0600) and PREFIX.pub.pem and \
            PREFIX.pub.jwk (public); an oct secret is written only as PREFIX.jwk. Without --out prints the private JWK. \
            --size is in bits for RSA and oct alike; an option that does not apply to the type, an --alg the key \
            could not sign with, or a size under the algorithm's minimum is refused before anything is generated.
            """)

    enum KeyKind: String, ExpressibleByArgument, CaseIterable {
        case rsa, ec, okp, oct
    }

    enum KeyUse: String, ExpressibleByArgument, CaseIterable {
        case sig, enc
    }

    @Option(help: "Key type.") var type: KeyKind
    @Option(help: "Bits: RSA modulus (2048, 3072, 4096; default 2048) or oct secret (a multiple of 8, at least the algorithm's hash; default 256, or the --alg hash size).") var size: Int?
    @Option(help: "EC curve (P-256, P-384, P-521, secp256k1; default P-256, or the --alg curve) or OKP curve (Ed25519, Ed448; default Ed25519).") var curve: String?
    @Option(help: "The key's kid; default its RFC 7638 thumbprint (none for oct).") var kid: String?
    @Option(help: "Record this algorithm in the JWK alg member; it must fit the key.") var alg: Algorithm?
    @Option(help: ArgumentHelp("Record the JWK use member: sig or enc.", valueName: "use")) var use: KeyUse?
    @Option(help: ArgumentHelp("Write the key files with this path prefix.", valueName: "prefix"), completion: .file()) var out: String?
    @Flag(help: "Replace existing files.") var force = false

    func validate() throws { _ = try spec() }

    func run() throws {
        var key = try Key.generate(try spec())
        key.algorithmName = alg?.rawValue
        key.use = use?.rawValue
        key.id = try kid ?? (key.type.isSymmetric ? nil : key.thumbprint())
        guard let out else {
            print(try key.jwk(includePrivate: true).pretty)
            return
        }
        var written: [String] = []
        func write(_ text: String, _ suffix: String, mode: UInt32) throws {
            try Files.write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: out + suffix, mode: mode, overwrite: force)
            written.append(out + suffix)
        }
        if case .oct = key.type {
            try write(key.jwk(includePrivate: true).pretty, ".jwk", mode: Files.privateMode)
        } else {
            try write(key.pem(includePrivate: true), ".pem", mode: Files.privateMode)
            try write(key.jwk(includePrivate: true).pretty, ".jwk", mode: Files.privateMode)
            try write(key.pem(), ".pub.pem", mode: Files.publicMode)
            try write(key.publicKey.jwk().pretty, ".pub.jwk", mode: Files.publicMode)
        }
        Terminal.note("generated \(key) → \(written.joined(separator: ", "))")
    }

    /// What to generate, refusing what `sign` would refuse and options that do not apply to the type.
    private func spec() throws -> KeySpec {
        if curve != nil && (type == .rsa || type == .oct) { throw ValidationError("--curve does not apply to --type \(type.rawValue)") }
        if size != nil && (type == .ec || type == .okp) { throw ValidationError("--size does not apply to --type \(type.rawValue); the curve fixes it") }
        func curveNamed(_ fallback: Curve) throws -> Curve {
            guard let curve else { return fallback }
            guard let parsed = Curve(lenientName: curve) else { throw ValidationError("--curve \(curve): unknown curve") }
            return parsed
        }
        let spec: KeySpec
        let keyType: KeyType
        switch (type, alg?.family) {
        case (.rsa, _):
            (spec, keyType) = (.rsa(bits: size ?? 2048), .rsa(bits: size ?? 2048))
        case (.ec, let family):
            let chosen = if case .ecdsa(let algorithmCurve, _)? = family { try curveNamed(algorithmCurve) } else { try curveNamed(.p256) }
            (spec, keyType) = (.ec(chosen), .ec(chosen))
        case (.okp, let family):
            let chosen = if case .eddsa(let algorithmCurve?)? = family { try curveNamed(algorithmCurve) } else { try curveNamed(.ed25519) }
            (spec, keyType) = (.okp(chosen), .okp(chosen))
        case (.oct, let family):
            let minimum = if case .hmac(let digest)? = family { digest.size * 8 } else { 256 }
            let bits = size ?? minimum
            guard bits % 8 == 0 else { throw ValidationError("--size \(bits): an oct secret is a whole number of bytes; give a multiple of 8 bits") }
            guard bits >= minimum else {
                throw ValidationError("--size \(bits): \(alg?.rawValue ?? "HS256") needs a secret of at least \(minimum) bits (RFC 7518 §3.2)")
            }
            (spec, keyType) = (.oct(bytes: bits / 8), .oct(bytes: bits / 8))
        }
        if let alg, let reason = alg.fits(keyType) { throw ValidationError("--alg \(alg.rawValue): \(reason)") }
        return spec
    }
}
