/// A string claim (`iss`, `sub`, …) must be present and equal one expected value exactly.
public struct ExpectedClaimValue: ClaimPolicy {
    /// The claim's name.
    public var name: String
    /// The value it must have.
    public var expected: String

    /// Requires claim `name` to be the string `expected`.
    public init(_ name: String, equals expected: String) {
        self.name = name
        self.expected = expected
    }

    /// The check in words, as a report lists it.
    public var description: String { "\(name) is \"\(expected)\"" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        switch context.string(name) {
        case .failure(let error): return [error]
        case .success(nil): return [JOSEError(.missingClaim, at: "payload.\(name)", "missing; expected \"\(expected)\"")]
        case .success(let actual?) where actual != expected:
            return [JOSEError(name == "iss" ? .issuer : .claim, at: "payload.\(name)", "is \(JSONValue.string(actual).excerpt), expected \"\(expected)\"")]
        case .success: return []
        }
    }
}
