import CJansson

extension JSONValue {
    /// The value as compact JSON text, members in order (`{"a":1,"b":[true]}`).
    public var compact: String { String(decoding: serialized(pretty: false), as: UTF8.self) }

    /// The value as indented JSON text, members in order.
    public var pretty: String { String(decoding: serialized(pretty: true), as: UTF8.self) }

    /// The UTF-8 bytes of the value, compact or indented by two spaces.
    public func serialized(pretty: Bool = false) -> [UInt8] {
        let flags = (pretty ? jwstool_json_indent(2) : Int(JSON_COMPACT)) | Int(JSON_ENCODE_ANY)
        let size = json_dumpb(node, nil, 0, flags)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = buffer.withMemoryRebound(to: CChar.self) { json_dumpb(node, $0.baseAddress, size, flags) }
        }
    }
}
