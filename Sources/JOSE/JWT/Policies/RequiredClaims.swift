/// Every listed claim must be present (with any value but null).
public struct RequiredClaims: ClaimPolicy {
    /// The claims that must be present.
    public var names: [String]

    /// Requires every claim in `names`.
    public init(_ names: [String]) { self.names = names }

    /// The check in words, as a report lists it.
    public var description: String { "requires \(names.joined(separator: ", "))" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        names.compactMap { name in
            guard let value = context.claims[name] else { return JOSEError(.missingClaim, at: "payload.\(name)", "required but missing") }
            return value.isNull ? JOSEError(.missingClaim, at: "payload.\(name)", "required but null") : nil
        }
    }
}
