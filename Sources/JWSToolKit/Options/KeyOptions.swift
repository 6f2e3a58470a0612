import ArgumentParser
import JOSE

/// `--key`, `--trust`, `--allow-weak-keys`: where verification keys come from.
struct KeyOptions: ParsableArguments {
    @Option(name: .customLong("key"), help: ArgumentHelp("A key file: PEM, DER, certificate, JWK or JWK Set (repeatable).", valueName: "file"), completion: .file())
    var keyFiles: [String] = []

    @Option(name: .customLong("trust"), help: ArgumentHelp("A trusted certificate (PEM or DER); an x5c chain must verify to one (repeatable).", valueName: "certfile"), completion: .file())
    var trustFiles: [String] = []

    @Option(name: .customLong("secret"), help: ArgumentHelp("An HMAC secret: TEXT, @FILE, b64:BASE64 or b64u:BASE64URL (repeatable; never echoed).", valueName: "secret"))
    var secrets: [String] = []

    @Option(name: .customLong("jwks-url"), help: ArgumentHelp("A JWK Set URL (https, or http to this machine), fetched and cached (repeatable).", valueName: "url"))
    var jwksURLs: [String] = []

    @Option(help: ArgumentHelp("An issuer whose discovery document (OpenID Connect, or RFC 8414) names its JWK Set.", valueName: "url"))
    var oidcIssuer: String?

    @Flag(help: "With --jwks-url or --oidc-issuer: use only the cache, never the network.")
    var offline = false

    @Flag(help: "Accept RSA keys under 2048 bits (legacy tokens only).")
    var allowWeakKeys = false

    /// The values given, as the commands use them.
    var sources: KeySources {
        KeySources(keyFiles: keyFiles, trustFiles: trustFiles, secrets: secrets, jwksURLs: jwksURLs, oidcIssuer: oidcIssuer,
                   offline: offline, allowWeakKeys: allowWeakKeys)
    }
}

/// Reading key files for any command.
package enum KeyLoading {
    package static func keys(at path: String) throws -> [Key] {
        let bytes = try Files.read(path, what: "key file")
        do {
            let keys = try KeyFile.keys(from: bytes)
            if keys.isEmpty { throw CLIFailure(.usage, "key file \(path): holds no usable key") }
            return keys
        } catch let error as JOSEError {
            throw CLIFailure(input: "key file \(path)", error)
        }
    }

    /// The one key in `path`; a file with several keys is a usage error.
    package static func single(at path: String) throws -> Key {
        let keys = try keys(at: path)
        guard keys.count == 1, let key = keys.first else {
            throw CLIFailure(.usage, "key file \(path): holds \(keys.count) keys; give a file with exactly one")
        }
        return key
    }
}
