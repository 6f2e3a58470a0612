import Synchronization

/// Parsed and validated protected headers, keyed by their exact base64url bytes.
///
/// A signer's headers repeat byte for byte across its tokens (`{"alg":"RS256","kid":"k1"}`), so a verifier seeing many
/// tokens parses each distinct header once. The key is the exact encoded text, so a cached entry is precisely what
/// parsing those bytes again would give; entries are immutable and safe to share between threads.
final class HeaderCache: Sendable {
    private struct Entry {
        let encoded: [UInt8]
        let header: JOSEHeader
    }

    private let capacity: Int
    private let entries: Mutex<[Entry]>

    init(capacity: Int = 32) {
        self.capacity = capacity
        entries = Mutex([])
    }

    /// The header for `encoded`, parsing and validating it with `parse` on a miss.
    func header(for encoded: ArraySlice<UInt8>, parse: () throws(JOSEError) -> JOSEHeader) throws(JOSEError) -> JOSEHeader {
        if encoded.count <= 512, let hit = entries.withLock({ list in list.first { $0.encoded.elementsEqual(encoded) }?.header }) {
            return hit
        }
        let header = try parse()
        if encoded.count <= 512 {
            let entry = Entry(encoded: Array(encoded), header: header)
            entries.withLock { list in
                if list.count >= capacity { list.removeFirst() }
                list.append(entry)
            }
        }
        return header
    }

    static let shared = HeaderCache()
}
