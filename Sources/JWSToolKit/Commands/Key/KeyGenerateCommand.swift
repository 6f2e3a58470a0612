import ArgumentParser
import JOSE

/// `jwstool key generate`.
struct KeyGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a key pair (or an HMAC secret).",
        discussion: """
            With --out PREFIX writes PREFIX.pem and PREFIX.jwk (private, mode 0600) and PREFIX.pub.pem and \
            PREFIX.pub.jwk (public); an oct secret is written only as PREFIX.jwk. Without --out prints the private JWK.
            """)

    enum KeyKind: String, ExpressibleByArgument, CaseIterable {
        case rsa, ec, okp, oct
    }

    @Option(help: "Key type.") var type: KeyKind
    @Option(help: "RSA modulus bits (2048, 3072, 4096; default 2048) or oct secret bytes (default 32).") var size: Int?
    @Option(help: "EC curve (P-256, P-384, P-521, secp256k1; default P-256) or OKP curve (Ed25519, Ed448; default Ed25519).") var curve: String?
    @Option(help: "The key's kid; default its RFC 7638 thumbprint (none for oct).") var kid: String?
    @Option(help: "Record this algorithm in the JWK alg member.") var alg: Algorithm?
    @Option(help: ArgumentHelp("Write the key files with this path prefix.", valueName: "prefix")) var out: String?
    @Flag(help: "Replace existing files.") var force = false

    func run() throws {
        var key = try Key.generate(try spec())
        key.algorithmName = alg?.rawValue
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

    private func spec() throws -> KeySpec {
        func curveNamed(_ fallback: Curve) throws -> Curve {
            guard let curve else { return fallback }
            guard let parsed = Curve(lenientName: curve) else { throw ValidationError("--curve \(curve): unknown curve") }
            return parsed
        }
        switch type {
        case .rsa: return .rsa(bits: size ?? 2048)
        case .ec: return .ec(try curveNamed(.p256))
        case .okp: return .okp(try curveNamed(.ed25519))
        case .oct: return .oct(bytes: size ?? 32)
        }
    }
}
