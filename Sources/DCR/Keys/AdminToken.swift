import Foundation
import JOSE

/// The dashboard's admin token: 256 random bits in `admin-token` (0600) in the state directory, made on first start.
public struct AdminToken: Sendable {
    public static let fileName = "admin-token"
    private let value: String

    public init(state: StateDirectory) throws(DCRError) {
        try state.prepare()
        if !state.exists(AdminToken.fileName) {
            try state.create(AdminToken.fileName, contents: Array((SecretGenerator.token() + "\n").utf8), mode: 0o600)
        }
        guard let bytes = state.read(AdminToken.fileName) else { throw DCRError.storage("cannot read \(state.file(AdminToken.fileName))") }
        value = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `presented` is the admin token (compared in constant time).
    public func accepts(_ presented: String) -> Bool { SecretDigest.constantTimeEquals(Array(presented.utf8), Array(value.utf8)) }
}
