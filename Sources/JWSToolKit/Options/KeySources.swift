import JOSE

/// Where verification keys come from: what ``KeyOptions`` (`--key`, `--trust`, `--secret`, `--jwks-url`,
/// `--oidc-issuer`, `--offline`, `--allow-weak-keys`) give.
struct KeySources: Equatable, Sendable {
    var keyFiles: [String] = []
    var trustFiles: [String] = []
    var secrets: [String] = []
    var jwksURLs: [String] = []
    var oidcIssuer: String?
    var offline = false
    var allowWeakKeys = false

    var keyPolicy: KeyPolicy { allowWeakKeys ? .allowingWeakRSA : .standard }

    /// Whether any key was given (a --key file, a --secret or a key set to fetch).
    var givesKeys: Bool { !keyFiles.isEmpty || !secrets.isEmpty || !jwksURLs.isEmpty || oidcIssuer != nil }

    /// Whether tokens can be verified: a key, or trust anchors for an `x5c` chain.
    var verifies: Bool { givesKeys || !trustFiles.isEmpty }

    /// Every key in every `--key` file, and every `--secret`.
    func loadKeys() throws -> KeySet {
        var keys: [Key] = []
        for path in keyFiles { keys += try KeyLoading.keys(at: path) }
        for secret in secrets { keys.append(try SecretArgument.key(secret)) }
        for url in jwksURLs { keys += try RemoteKeys.keys(jwksURL: url, offline: offline) }
        if let oidcIssuer { keys += try RemoteKeys.keys(issuer: oidcIssuer, offline: offline) }
        return KeySet(keys)
    }

    /// The certificates of every `--trust` file, or nil when none was given.
    func loadTrustAnchors() throws -> TrustAnchors? {
        guard !trustFiles.isEmpty else { return nil }
        var certificates: [Certificate] = []
        for path in trustFiles {
            let found = try KeyLoading.keys(at: path).flatMap(\.certificates)
            if found.isEmpty { throw CLIFailure(.usage, "trust anchor \(path): holds no certificate") }
            certificates += found
        }
        return TrustAnchors(certificates)
    }
}
