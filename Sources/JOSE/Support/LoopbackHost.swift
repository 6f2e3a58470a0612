/// Whether a URL's host names this machine: `localhost`, an IPv4 address in 127.0.0.0/8 written as four decimal
/// numbers, or `::1` (bracketed or not). A name that merely begins with `127.` (`127.example.com`) is not loopback.
public enum LoopbackHost {
    /// Whether `host` (as in a URL, lower or upper case) names this machine.
    public static func contains(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part) ?? 256) <= 255
        }
    }
}
