import DCR
import Foundation

/// Reading and writing the user's files with errors that name the file and the reason.
enum Files {
    /// The default bound on one input (a file, a FIFO, standard input): 1 GiB.
    static let defaultLimit = 1 << 30

    /// Reads a file, a FIFO or character device (as a stream), or standard input (`-`), refusing more than `limit`
    /// bytes: the error names the file and the system's own reason, never a guess.
    static func read(_ path: String, what: String = "file", limit: Int = defaultLimit) throws -> [UInt8] {
        let name = path == "-" ? "standard input" : "\(what) \(path)"
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIFailure(.usage, errno == ENOENT ? "\(name): no such file" : "\(name): \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw CLIFailure(.usage, "\(name): \(String(cString: strerror(errno)))") }
        if status.st_mode & S_IFMT == S_IFDIR { throw CLIFailure(.usage, "\(name): is a directory") }
        let tooLarge = CLIFailure(.usage, "\(name): larger than the input limit of \(ByteCount.describe(limit)) (--max-input)")
        if status.st_mode & S_IFMT == S_IFREG && Int(status.st_size) > limit { throw tooLarge }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(.usage, "\(name): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else { throw tooLarge }
            bytes += chunk.prefix(count)
        }
    }

    /// Writes `bytes` to `path` atomically (a temporary file renamed into place) with the given permissions.
    /// An existing file is never replaced unless `overwrite` is set, so nothing already stored is lost.
    /// Private files are created with their mode from the start (``SecureFile``), never chmod-ed afterwards.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t, overwrite: Bool = false) throws {
        do { try SecureFile.store(bytes, at: path, mode: mode, replacing: overwrite) } catch {
            if !overwrite && FileManager.default.fileExists(atPath: path) {
                throw CLIFailure(.usage, "\(path): already exists; not overwriting it (use --force to replace it)")
            }
            throw CLIFailure(.usage, "\(error) (does the directory exist and is it writable?)")
        }
    }

    /// Owner read/write only: private keys and credentials.
    static let privateMode: mode_t = 0o600
    static let publicMode: mode_t = 0o644
}
