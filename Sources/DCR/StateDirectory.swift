import FileSafety
import Foundation

/// Where jwstool keeps its state: the server's database and keys, the admin token, the client's credential cache.
///
/// Resolved from `--state-dir`, else `$JWSTOOL_STATE_DIR`, else `$XDG_STATE_HOME/jwstool`, else `~/.local/state/jwstool`.
/// The directory is created owner-only (0700); private files in it are written 0600, atomically.
public struct StateDirectory: Sendable, CustomStringConvertible {
    public let path: String

    public init(path: String) { self.path = path }

    public static func resolve(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> StateDirectory {
        if let explicit, !explicit.isEmpty { return StateDirectory(path: explicit) }
        if let path = environment["JWSTOOL_STATE_DIR"], !path.isEmpty { return StateDirectory(path: path) }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return StateDirectory(path: xdg + "/jwstool") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return StateDirectory(path: home + "/.local/state/jwstool")
    }

    public var description: String { path }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Creates the directory (owner-only) when it does not exist. One that exists and is open to the group or to others
    /// is tightened to 0700 when it is ours, and refused otherwise (as ssh does for its keys): private keys, the admin
    /// token and cached credentials live here.
    public func prepare() throws(DCRError) {
        var status = stat()
        if lstat(path, &status) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw DCRError.storage("cannot create the state directory \(path): \(error.localizedDescription)")
            }
            guard lstat(path, &status) == 0 else { throw DCRError.storage("cannot read the state directory \(path)") }
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw DCRError.storage("the state directory \(path) is not a directory") }
        guard status.st_mode & 0o077 != 0 else { return }
        // A shared sticky directory (/tmp itself) is never changed; it is no place for private files.
        guard status.st_uid == geteuid(), status.st_mode & S_ISVTX == 0, chmod(path, 0o700) == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw DCRError.storage("the state directory \(path) is accessible to other users (mode \(mode)) and cannot be made private; chmod 700 it or choose another with --state-dir")
        }
    }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    public func read(_ name: String) -> [UInt8]? { FileManager.default.contents(atPath: file(name)).map(Array.init) }

    /// Writes a file atomically, created with `mode`; an existing file (say, one a concurrent run made) is kept.
    public func create(_ name: String, contents: [UInt8], mode: mode_t) throws(DCRError) {
        do { try SecureFile.store(contents, at: file(name), mode: mode, replacing: false) } catch {
            if !exists(name) { throw DCRError.storage("cannot write \(error)") }
        }
    }

    /// Writes a file atomically, replacing any existing one.
    public func replace(_ name: String, contents: [UInt8], mode: mode_t) throws(DCRError) {
        do { try SecureFile.store(contents, at: file(name), mode: mode, replacing: true) } catch { throw DCRError.storage("cannot write \(error)") }
    }

    /// Creates an empty owner-only file (for SQLite, whose -wal and -shm files then inherit the mode).
    public func touchPrivate(_ name: String) throws(DCRError) {
        let target = file(name)
        if FileManager.default.fileExists(atPath: target) { return }
        let descriptor = open(target, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if descriptor >= 0 { close(descriptor) } else if errno != EEXIST {
            throw DCRError.storage("cannot create \(target): \(String(cString: strerror(errno)))")
        }
    }
}
