import Foundation
import Testing

/// `jwstool serve` as a child process on a free port, over its own state directory.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let state: URL
    private(set) var baseURL = ""
    private let errors = Pipe()

    init(arguments: [String] = [], state: URL? = nil) throws {
        self.state = try state ?? CLI.temporaryDirectory()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0", "--state-dir", self.state.path] + arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The server announces its port on stderr once it accepts connections.
        var seen = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { continue }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: "listening on http://") {
                let rest = seen[range.upperBound...]
                if let end = rest.firstIndex(of: " ") {
                    baseURL = "http://" + rest[..<end]
                    break
                }
            }
        }
        if baseURL.isEmpty {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "jwstool serve did not start: \(seen)"])
        }
    }

    var adminToken: String {
        (try? String(contentsOf: state.appendingPathComponent("admin-token"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// SIGTERM, then waits: a graceful shutdown exits 0.
    func stop(removingState: Bool = true) -> Int32 {
        process.terminate()
        process.waitUntilExit()
        if removingState { try? FileManager.default.removeItem(at: state) }
        return process.terminationStatus
    }

    /// SIGKILL: no shutdown of any kind, as in a crash or an OOM kill. The state directory is kept.
    func kill() {
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
