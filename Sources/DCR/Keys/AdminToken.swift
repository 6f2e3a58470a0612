import Foundation
import JOSE

/// The dashboard's admin token: 256 random bits in `admin-token` (0600) in the state directory, made on first start.
/// Only its digest is kept in memory, and on a shared store only its digest is stored: the first server to start
/// stores the digest of its token, every other one accepts that token (read it from the first server's state
/// directory).
public struct AdminToken: Sendable {
    public static let fileName = "admin-token"
    private let digest: String

    public init(state: StateDirectory) throws(DCRError) {
        digest = SecretDigest.digest(try AdminToken.localToken(state))
    }

    /// The admin token of every server on `secrets`.
    /// - Returns: the token, and whether it is the one in this state directory's `admin-token` file (false: another
    ///   server's, whose file an operator must use).
    ///   The file is written only by the server whose token is stored; the others make none.
    public static func shared(_ secrets: any SharedSecretRepository, state: StateDirectory) async throws(DCRError) -> (AdminToken, isLocal: Bool) {
        try state.prepare()
        let existing = state.exists(fileName) ? try localToken(state) : nil
        let candidate = existing ?? SecretGenerator.token()
        let stored = try await secrets.value(named: "admin-token-digest", storingIfAbsent: SecretDigest.digest(candidate))
        let isLocal = SecretDigest.matches(candidate, digest: stored)
        if isLocal, existing == nil {
            try state.create(fileName, contents: Array((candidate + "\n").utf8), mode: 0o600)
        }
        return (AdminToken(digest: stored), isLocal)
    }

    private init(digest: String) { self.digest = digest }

    /// The token in the state directory's file, made when missing.
    private static func localToken(_ state: StateDirectory) throws(DCRError) -> String {
        try state.prepare()
        if !state.exists(fileName) {
            try state.create(fileName, contents: Array((SecretGenerator.token() + "\n").utf8), mode: 0o600)
        }
        guard let bytes = state.read(fileName) else { throw DCRError.storage("cannot read \(state.file(fileName))") }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `presented` is the admin token (digests compared in constant time).
    public func accepts(_ presented: String) -> Bool { SecretDigest.matches(presented, digest: digest) }
}
