import FileSafety
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Reading and writing the user's files with errors that name the file and the reason.
package enum Files {
    /// The default bound on one input (a file, a FIFO, standard input): 1 GiB.
    package static let defaultLimit = 1 << 30

    /// Reads a file, a FIFO or character device (as a stream), or standard input (`-`), refusing more than `limit`
    /// bytes: the error names the file and the system's own reason, never a guess.
    package static func read(_ path: String, what: String = "file", limit: Int = defaultLimit) throws -> [UInt8] {
        try InputFile(path, what: what, limit: limit).readAll()
    }

    /// Whether `path` is a directory (following symbolic links); nil when nothing is there.
    package static func isDirectory(_ path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    /// The size of the regular file at `path` (following symbolic links); nil for anything else or nothing.
    package static func regularFileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Writes `bytes` to `path` atomically (a temporary file renamed into place) with the given permissions.
    /// An existing file is never replaced unless `overwrite` is set, so nothing already stored is lost.
    /// Private files are created with their mode from the start (``SecureFile``), never chmod-ed afterwards.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t, overwrite: Bool = false) throws {
        do { try SecureFile.store(bytes, at: path, mode: mode, replacing: overwrite) } catch {
            if !overwrite && FileManager.default.fileExists(atPath: path) {
                throw CLIFailure(.usage, "\(path): already exists; not overwriting it (use --force to replace it)")
            }
            throw CLIFailure(.usage, "\(error) (does the directory exist and is it writable?)")
        }
    }

    /// Owner read/write only: private keys and credentials.
    package static let privateMode: mode_t = 0o600
    package static let publicMode: mode_t = 0o644
}
