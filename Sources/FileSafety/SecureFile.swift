import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Writing files that may hold secrets: created with their final mode from the first system call
/// (`open(O_CREAT | O_EXCL | O_NOFOLLOW, mode)`), so no other user can open them while they are empty and
/// world-readable, then moved into place atomically.
public enum SecureFile {
    /// Why a write failed: the path and the system's reason.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Writes `bytes` to `path` with `mode` (the umask cannot widen it; a restrictive umask is overridden with
    /// `fchmod` on the open descriptor, before any byte is written).
    /// - Parameter replacing: replace an existing file (rename); otherwise an existing file is kept and this throws
    ///   `EEXIST` — link(2) refuses to replace, so a file made concurrently by another process is never overwritten.
    public static func store(_ bytes: [UInt8], at path: String, mode: mode_t, replacing: Bool) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { path[...$0] } ?? "./"
        let name = slash.map { path[path.index(after: $0)...] } ?? path[...]
        let temporary = "\(directory).\(name).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(path: path, reason: systemReason()) }
        defer { unlink(temporary) }
        var failure: String? = nil
        if fchmod(descriptor, mode) != 0 { failure = systemReason() }
        var offset = 0
        while failure == nil && offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = systemReason()
            } else {
                offset += written
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = systemReason() }
        close(descriptor)
        if let failure { throw Failure(path: path, reason: failure) }
        let placed = replacing ? rename(temporary, path) == 0 : link(temporary, path) == 0
        if !placed { throw Failure(path: path, reason: systemReason()) }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
