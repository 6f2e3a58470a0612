/// A string claim (`iss`, `sub`, …) must be present and equal one expected value exactly.
public struct ExpectedClaimValue: ClaimPolicy {
    public var name: String
    public var expected: String

    public init(_ name: String, equals expected: String) {
        self.name = name
        self.expected = expected
    }

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
