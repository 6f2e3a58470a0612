import JOSE

enum JSONHarness {
    static func run(_ bytes: [UInt8]) {
        for limits in [JSONLimits.standard, JSONLimits(maxDepth: 8, maxBytes: 4096, rejectsDuplicateMembers: false)] {
            guard let value = try? JSONValue.parse(bytes, limits: limits) else { continue }
            let compact = value.compact
            // What we print must parse back to the same value.
            if limits.rejectsDuplicateMembers, let again = try? JSONValue.parse(compact) {
                precondition(again == value, "a serialized document parsed back to another value")
            }
            _ = value.pretty
            _ = value.excerpt
            visit(value, depth: 0)
        }
    }

    static func visit(_ value: JSONValue, depth: Int) {
        guard depth < 64 else { return }
        _ = value.numberValue.flatMap(NumericDate.init(claim:))?.iso8601
        _ = value.integerValue
        _ = value.stringValue
        for member in value.members { visit(member.value, depth: depth + 1) }
        for element in value.elements { visit(element, depth: depth + 1) }
    }
}
