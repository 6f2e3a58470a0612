/// Every listed claim must be present (with any value but null).
public struct RequiredClaims: ClaimPolicy {
    public var names: [String]

    public init(_ names: [String]) { self.names = names }

    public var description: String { "requires \(names.joined(separator: ", "))" }

    public func evaluate(_ context: ClaimContext) -> [JOSEError] {
        names.compactMap { name in
            guard let value = context.claims[name] else { return JOSEError(.missingClaim, at: "payload.\(name)", "required but missing") }
            return value.isNull ? JOSEError(.missingClaim, at: "payload.\(name)", "required but null") : nil
        }
    }
}
