import Foundation

/// A plain TCP connection to the test server, for what an HTTP client library will not do: send half a request,
/// stall, or hold a connection idle — and see when the server closes it.
final class RawConnection: @unchecked Sendable {  // one test uses it at a time; the descriptor never changes
    private let descriptor: Int32

    /// Connects to `base` (`http://127.0.0.1:PORT`).
    init(_ base: String) throws {
        guard let port = URLComponents(string: base)?.port else { throw POSIXError(.EINVAL) }
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    /// Ends the connection from this side (the descriptor itself is released on deinit).
    func shutdown() { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes the connection or `seconds` pass; returns what arrived and whether it closed.
    /// Waits on a thread of its own: blocking the few threads of Swift's cooperative pool would stall the server's
    /// request handlers, which run there too.
    func readUntilClosed(within seconds: Double) async -> (text: String, closed: Bool) {
        let (bytes, closed) = await readBytesUntilClosed(within: seconds)
        return (String(decoding: bytes, as: UTF8.self), closed)
    }

    /// ``readUntilClosed(within:)``, as bytes (for a body that is not text).
    func readBytesUntilClosed(within seconds: Double) async -> (bytes: [UInt8], closed: Bool) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.blockingRead(within: seconds)) }
        }
    }

    private func blockingRead(within seconds: Double) -> (bytes: [UInt8], closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&poller, 1, remaining) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return (received, true) }
            received += buffer.prefix(count)
        }
        return (received, false)
    }
}
