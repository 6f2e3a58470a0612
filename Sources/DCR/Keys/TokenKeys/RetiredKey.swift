import JOSE

/// A token key that no longer signs but is still published and accepted, so that the tokens it signed stay valid
/// until they expire.
public struct RetiredKey: Sendable {
    /// The public key.
    public let key: Key
    /// When it stopped signing (seconds since the epoch).
    public let retiredAt: Double
    /// Until when it is published and accepted: its last tokens' expiry, plus the clock skew allowed and the time
    /// other servers on a shared store may take to notice the rotation.
    public let publishedUntil: Double

    /// `{"jwk": {…}, "retired_at": …, "published_until": …}`.
    func json() throws(DCRError) -> JSONValue {
        let jwk: JSONValue
        do { jwk = try key.publicKey.jwk() } catch { throw DCRError.storage("cannot store the retired key \(key.id ?? ""): \(error)") }
        return .object([("jwk", jwk), ("retired_at", .number(retiredAt)), ("published_until", .number(publishedUntil))])
    }

    /// The list stored as `{"retired": [...]}` (or the `retired` member of a ring document).
    static func list(from json: JSONValue?, source: String) throws(DCRError) -> [RetiredKey] {
        guard let json else { return [] }
        guard json.kind == .array else { throw DCRError.storage("\(source): retired keys must be an array") }
        var keys: [RetiredKey] = []
        for entry in json.elements {
            guard let jwk = entry["jwk"], let retiredAt = entry["retired_at"]?.numberValue, retiredAt.isFinite,
                  let until = entry["published_until"]?.numberValue, until.isFinite else {
                throw DCRError.storage("\(source): a retired key needs jwk, retired_at and published_until")
            }
            let key: Key
            do { key = try Key(jwk: jwk) } catch { throw DCRError.storage("\(source): \(error)") }
            guard !key.isPrivate else { throw DCRError.storage("\(source): a retired key is stored public only") }
            keys.append(RetiredKey(key: key, retiredAt: retiredAt, publishedUntil: until))
        }
        return keys
    }

    static func json(_ keys: [RetiredKey]) throws(DCRError) -> JSONValue {
        var entries: [JSONValue] = []
        for key in keys { entries.append(try key.json()) }
        return .array(entries)
    }
}
