import CJansson

/// The one Swift owner of a jansson reference: it holds one reference count on `node` and drops it on `deinit`.
///
/// Trees reachable from `node` are never mutated once they are wrapped, and jansson's reference counts are
/// atomic, so sharing an owner between threads is safe.
final class JanssonReference: @unchecked Sendable {
    let node: UnsafeMutablePointer<json_t>

    /// Takes over a reference the caller already holds (e.g. a `json_loadb` or `json_object` result).
    init(adopting node: UnsafeMutablePointer<json_t>) {
        self.node = node
    }

    deinit { jwstool_json_decref(node) }
}
