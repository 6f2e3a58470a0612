import CJansson

/// Building JSON values. Each constructor returns a new immutable tree; containers take references to
/// their elements (jansson reference counts), so building never copies a subtree.
extension JSONValue {
    /// A JSON string holding `text` exactly, NUL characters included.
    public static func string(_ text: String) -> JSONValue {
        let characters = text.utf8CString
        let node = characters.withUnsafeBufferPointer { json_stringn_nocheck($0.baseAddress, $0.count - 1) }
        return JSONValue(adopting: allocated(node))
    }

    /// A JSON integer.
    public static func integer(_ value: Int64) -> JSONValue {
        JSONValue(adopting: allocated(json_integer(json_int_t(value))))
    }

    /// A JSON number; non-finite values, which JSON cannot represent, become `null`.
    public static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value.rounded() == value, abs(value) < 9.0e15 { return .integer(Int64(value)) }
        return JSONValue(adopting: allocated(json_real(value)))
    }

    /// `true` or `false`.
    public static func bool(_ value: Bool) -> JSONValue {
        JSONValue(adopting: allocated(value ? json_true() : json_false()))
    }

    /// JSON `null`.
    public static var null: JSONValue { JSONValue(adopting: allocated(json_null())) }

    /// An array of `elements` in order.
    public static func array(_ elements: [JSONValue]) -> JSONValue {
        let node = allocated(json_array())
        for element in elements { json_array_append(node, element.node) }
        return JSONValue(adopting: node)
    }

    /// An object with members in the given order; a later member with the same name replaces an earlier one.
    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        let node = allocated(json_object())
        for (name, value) in members {
            let key = name.utf8CString
            _ = key.withUnsafeBufferPointer { json_object_setn_nocheck(node, $0.baseAddress, $0.count - 1, value.node) }
        }
        return JSONValue(adopting: node)
    }

    /// This object with `name` set to `value` (appended, or replaced in place); other kinds are returned unchanged.
    public func setting(_ name: String, to value: JSONValue) -> JSONValue {
        guard isObject else { return self }
        var replaced = false
        var result: [(String, JSONValue)] = members.map { member in
            guard member.name == name else { return (member.name, member.value) }
            replaced = true
            return (name, value)
        }
        if !replaced { result.append((name, value)) }
        return .object(result)
    }

    /// This object without the member `name`.
    public func removing(_ name: String) -> JSONValue {
        guard isObject else { return self }
        return .object(members.filter { $0.name != name }.map { ($0.name, $0.value) })
    }

    /// jansson returns NULL only when memory is exhausted; that is not an input error, so it ends the process.
    private static func allocated(_ node: UnsafeMutablePointer<json_t>?) -> UnsafeMutablePointer<json_t> {
        guard let node else { preconditionFailure("jansson: out of memory") }
        return node
    }
}

/// JSON written as Swift literals: `["iss": "https://issuer.example", "exp": 1_700_000_000, "aud": ["a", "b"]]`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `"text"` as a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `42` as a JSON integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `[…]` as a JSON array, in order.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `[name: value, …]` as a JSON object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}
