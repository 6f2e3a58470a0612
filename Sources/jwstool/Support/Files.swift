import Foundation

/// Reading and writing the user's files with errors that name the file and the reason.
enum Files {
    static func read(_ path: String, what: String = "file") throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIFailure(.usage, "\(what) \(path): no such file")
        }
        if isDirectory.boolValue { throw CLIFailure(.usage, "\(what) \(path): is a directory") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(.usage, "\(what) \(path): permission denied")
        }
        return Array(data)
    }

    /// Writes `bytes` to `path` atomically (a temporary file renamed into place) with the given permissions.
    /// An existing file is never replaced unless `overwrite` is set, so nothing already stored is lost.
    static func write(_ bytes: [UInt8], to path: String, mode: Int16, overwrite: Bool = false) throws {
        let manager = FileManager.default
        if !overwrite && manager.fileExists(atPath: path) {
            throw CLIFailure(.usage, "\(path): already exists; not overwriting it (use --force to replace it)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        guard manager.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: mode]) else {
            throw CLIFailure(.usage, "\(path): cannot create the file (does the directory exist and is it writable?)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
            if rename(temporary, path) != 0 { throw CLIFailure(.usage, "\(path): \(String(cString: strerror(errno)))") }
        } catch {
            try? manager.removeItem(atPath: temporary)
            if let failure = error as? CLIFailure { throw failure }
            throw CLIFailure(.usage, "\(path): \(error.localizedDescription)")
        }
    }

    /// Owner read/write only: private keys and credentials.
    static let privateMode: Int16 = 0o600
    static let publicMode: Int16 = 0o644
}
