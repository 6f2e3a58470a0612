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

    /// Creates the directory (owner-only) when it does not exist.
    public func prepare() throws(DCRError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw DCRError.storage("cannot create the state directory \(path): \(error.localizedDescription)")
        }
    }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    public func read(_ name: String) -> [UInt8]? { FileManager.default.contents(atPath: file(name)).map(Array.init) }

    /// Writes a file atomically with `mode`; an existing file is never replaced.
    public func create(_ name: String, contents: [UInt8], mode: Int16) throws(DCRError) {
        let target = file(name)
        let temporary = file(".\(name).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(contents), attributes: [.posixPermissions: mode]) else {
            throw DCRError.storage("cannot write \(target)")
        }
        // link(2) fails when the target exists, so a file made by a concurrent run is kept, never overwritten.
        let linked = link(temporary, target) == 0
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        if !linked && !FileManager.default.fileExists(atPath: target) { throw DCRError.storage("cannot write \(target): \(reason)") }
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
