import FoundationEssentials
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// One input opened for reading — a file, a FIFO or character device, or standard input (`-`) — read in chunks with
/// a bound on the total. Owns its descriptor (standard input is never closed). Errors name the input and carry the
/// system's own reason.
final class InputFile {
    let name: String
    let limit: Int
    /// A regular file (reads never wait), as opposed to a pipe, FIFO, terminal or socket.
    private(set) var isRegularFile = false
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private(set) var bytesRead = 0

    init(_ path: String, what: String = "file", limit: Int = Files.defaultLimit) throws {
        name = path == "-" ? "standard input" : "\(what) \(path)"
        self.limit = limit
        ownsDescriptor = path != "-"
        descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIFailure(.usage, errno == ENOENT ? "\(name): no such file" : "\(name): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure() }
        if status.st_mode & S_IFMT == S_IFDIR { throw CLIFailure(.usage, "\(name): is a directory") }
        isRegularFile = status.st_mode & S_IFMT == S_IFREG
        if isRegularFile && Int(status.st_size) > limit { throw tooLarge }
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    private var tooLarge: CLIFailure { CLIFailure(.usage, "\(name): larger than the input limit of \(ByteCount.describe(limit)) (--max-input)") }

    private func failure() -> CLIFailure { CLIFailure(.usage, "\(name): \(String(cString: strerror(errno)))") }

    /// Whether a read would return at once (data, the end of the input, or an error) rather than wait for a writer.
    var canReadWithoutWaiting: Bool {
        if isRegularFile { return true }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    /// The next chunk (at most 64 KiB); empty at the end of the input.
    func nextChunk() throws -> ArraySlice<UInt8> {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            bytesRead += count
            guard bytesRead <= limit else { throw tooLarge }
            return chunk.prefix(count)
        }
    }

    /// Everything that is left.
    func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        while case let chunk = try nextChunk(), !chunk.isEmpty { bytes += chunk }
        return bytes
    }
}
