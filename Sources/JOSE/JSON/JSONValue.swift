import CJansson

/// An immutable JSON value held by jansson.
///
/// Values parsed with `JSONValue.parse(_:limits:)` are strict (see ``JSONLimits``); object members keep their order.
/// A child value (``subscript(_:)``, ``members``) shares its document and costs no allocation.
public struct JSONValue: @unchecked Sendable {
    /// Keeps the whole tree alive; `node` points into it.
    let owner: JanssonReference
    let node: UnsafeMutablePointer<json_t>

    init(owner: JanssonReference, node: UnsafeMutablePointer<json_t>) {
        self.owner = owner
        self.node = node
    }

    /// Wraps a fresh reference returned by a jansson constructor.
    init(adopting node: UnsafeMutablePointer<json_t>) {
        let owner = JanssonReference(adopting: node)
        self.init(owner: owner, node: node)
    }

    /// The JSON type of a value.
    public enum Kind: String, Sendable {
        /// `{…}`
        case object
        /// `[…]`
        case array
        /// `"…"`
        case string
        /// A number written without fraction or exponent that fits in 64 bits.
        case integer
        /// Any other number.
        case real
        /// `true`
        case `true`
        /// `false`
        case `false`
        /// `null`
        case null

        /// How the type is named in messages: `a string`, `an object`.
        public var phrase: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .integer, .real: "a number"
            case .true, .false: "a boolean"
            case .null: "null"
            }
        }
    }

    /// The JSON type of this value.
    public var kind: Kind {
        switch node.pointee.type {
        case JSON_OBJECT: .object
        case JSON_ARRAY: .array
        case JSON_STRING: .string
        case JSON_INTEGER: .integer
        case JSON_REAL: .real
        case JSON_TRUE: .true
        case JSON_FALSE: .false
        default: .null
        }
    }

    /// Whether this is a JSON object.
    public var isObject: Bool { node.pointee.type == JSON_OBJECT }
    /// Whether this is a JSON number, integer or not.
    public var isNumber: Bool { node.pointee.type == JSON_INTEGER || node.pointee.type == JSON_REAL }

    /// The string, when this is a JSON string.
    public var stringValue: String? {
        guard node.pointee.type == JSON_STRING, let characters = json_string_value(node) else { return nil }
        let length = json_string_length(node)
        return characters.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Compares a JSON string with `text` without building a Swift string.
    public func stringEquals(_ text: String) -> Bool {
        guard node.pointee.type == JSON_STRING, let characters = json_string_value(node) else { return false }
        let length = json_string_length(node)
        guard text.utf8.count == length else { return false }
        return characters.withMemoryRebound(to: UInt8.self, capacity: length) { actual in
            text.utf8.enumerated().allSatisfy { actual[$0.offset] == $0.element }
        }
    }

    /// The integer, when this is a JSON number written without fraction or exponent.
    public var integerValue: Int64? {
        node.pointee.type == JSON_INTEGER ? Int64(json_integer_value(node)) : nil
    }

    /// Any JSON number as a `Double`.
    public var numberValue: Double? {
        switch node.pointee.type {
        case JSON_INTEGER: Double(json_integer_value(node))
        case JSON_REAL: json_real_value(node)
        default: nil
        }
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        switch node.pointee.type {
        case JSON_TRUE: true
        case JSON_FALSE: false
        default: nil
        }
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool { node.pointee.type == JSON_NULL }

    /// The number of members of an object or elements of an array; 0 otherwise.
    public var count: Int {
        switch node.pointee.type {
        case JSON_OBJECT: json_object_size(node)
        case JSON_ARRAY: json_array_size(node)
        default: 0
        }
    }

    /// The member named `name`, when this is an object that has it.
    public subscript(_ name: String) -> JSONValue? {
        guard node.pointee.type == JSON_OBJECT else { return nil }
        let length = name.utf8.count
        let child = name.withCString { json_object_getn(node, $0, length) }
        return child.map { JSONValue(owner: owner, node: $0) }
    }

    /// The element at `index`, when this is an array that long.
    public subscript(index index: Int) -> JSONValue? {
        guard node.pointee.type == JSON_ARRAY, index >= 0, let child = json_array_get(node, index) else { return nil }
        return JSONValue(owner: owner, node: child)
    }

    /// The elements of an array (empty for other kinds).
    public var elements: [JSONValue] {
        guard node.pointee.type == JSON_ARRAY else { return [] }
        return (0..<json_array_size(node)).compactMap { index in
            json_array_get(node, index).map { JSONValue(owner: owner, node: $0) }
        }
    }

    /// The members of an object in document order (empty for other kinds).
    public var members: [(name: String, value: JSONValue)] {
        guard node.pointee.type == JSON_OBJECT else { return [] }
        var result: [(name: String, value: JSONValue)] = []
        result.reserveCapacity(json_object_size(node))
        var iterator = json_object_iter(node)
        while let current = iterator {
            if let key = json_object_iter_key(current), let value = json_object_iter_value(current) {
                let length = json_object_iter_key_len(current)
                let name = key.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
                result.append((name, JSONValue(owner: owner, node: value)))
            }
            iterator = json_object_iter_next(node, current)
        }
        return result
    }

    /// The member names of an object in document order.
    public var memberNames: [String] { members.map(\.name) }

    /// A short rendering for messages: strings quoted, containers abbreviated.
    public var excerpt: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string:
            let text = stringValue ?? ""
            let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "string " + JSONValue.string(short).compact
        default: return compact
        }
    }
}

/// JSON equality (jansson's `json_equal`): same type and value, objects compared regardless of member order.
extension JSONValue: Equatable {
    /// Whether the two documents are equal as JSON (`1` and `1.0` are not: integer and real differ).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { json_equal(lhs.node, rhs.node) != 0 }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { compact }
}
