import Foundation
import Testing

/// Batches stream: results come out in input order while the input is still arriving, a line that is not a token is
/// reported on its own, and memory follows the batches in flight rather than the input.
@Suite("jwstool streams its batches")
struct StreamingTests {
    static let key = HostileInputCommandTests.key

    /// `jwstool verify -` with its standard input and output kept open, answering line by line.
    final class Conversation {
        let process = Process()
        private let input = Pipe(), output = Pipe()
        private var buffered: [UInt8] = []

        init(_ arguments: [String]) throws {
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        /// The next line of output, or nil when none arrives within `seconds` (a CLI waiting for end of input).
        func receive(within seconds: Int32 = 20) -> String? {
            let descriptor = output.fileHandleForReading.fileDescriptor
            while true {
                if let newline = buffered.firstIndex(of: 0x0A) {
                    defer { buffered.removeSubrange(...newline) }
                    return String(decoding: buffered[..<newline], as: UTF8.self)
                }
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, seconds * 1000) > 0 else { return nil }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { return nil }
                buffered += chunk.prefix(count)
            }
        }

        func finish() -> Int32 {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test("verify - answers each token before the next is written; lint and sign --batch do the same")
    func answersBeforeEndOfInput() throws {
        let token = try HostileInputCommandTests.statement()
        let verify = try Conversation(["verify", "--key", Self.key, "-"])
        for (index, line) in [token, "not a token", token].enumerated() {
            verify.send(line)
            let answer = verify.receive()
            #expect(answer?.hasPrefix(index == 1 ? "FAIL <stdin>:2" : "OK <stdin>:\(index + 1)") == true, "\(answer ?? "no answer")")
        }
        #expect(verify.finish() == 1)

        let lint = try Conversation(["lint", "-"])
        lint.send(token)
        #expect(lint.receive()?.hasPrefix("<stdin>:1  profile software-statement") == true)
        #expect(lint.finish() == 0)

        let sign = try Conversation(["sign", "--batch", "--key", CLI.projectRoot.appendingPathComponent("keys/dev-ec.pem").path, "-"])
        for n in 1...3 {
            sign.send(#"{"n":\#(n)}"#)
            #expect(sign.receive()?.hasPrefix("eyJ") == true)
        }
        #expect(sign.finish() == 0)
    }

    @Test("a line that is not a token between two valid ones is its own failure: OK, FAIL, OK", arguments: ["garbage", "not a token at all", "eyJhbGciOiJub25lIn0"])
    func garbageLine(garbage: String) throws {
        let token = try HostileInputCommandTests.statement()
        let result = try CLI.run(["verify", "--key", Self.key, "-"], stdin: [token, garbage, token].joined(separator: "\n") + "\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.map { $0.prefix(4) } == ["OK <", "FAIL", "OK <"])
        #expect(lines[1].hasPrefix("FAIL <stdin>:2:"))
        #expect(result.stderr.contains("3 tokens: 2 valid, 1 invalid"))
    }

    @Test("a token wrapped at a fixed width stays one token; its continuation never swallows the next token")
    func fixedWidthWrap() throws {
        let token = try HostileInputCommandTests.statement()
        let bytes = Array(token.utf8)
        let wrapped = stride(from: 0, to: bytes.count, by: 76).map { String(decoding: bytes[$0..<min($0 + 76, bytes.count)], as: UTF8.self) }
        let result = try CLI.run(["verify", "--key", Self.key, "-"], stdin: ([token] + wrapped + [token]).joined(separator: "\n"))
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines[0].hasPrefix("OK <stdin>:1") && lines[2].hasPrefix("OK <stdin>:\(wrapped.count + 2)"))
        #expect(lines[1].hasPrefix("FAIL <stdin>:2:") && lines[1].contains("whitespace"), "\(lines[1])")
    }

    @Test("200,000 statements stream through verify within an address-space limit that holding the input would exceed")
    func boundedMemory() throws {
        let token = try HostileInputCommandTests.statement()
        // 200,000 statements are 260 MB of input; the old design held it all, with about 8 KiB per token (1.6 GB).
        // 1 GiB of address space covers the runtime, the libraries, the threads' stacks and malloc's arenas.
        let script = "ulimit -v 1048576 && yes \"$TOKEN\" | head -n 200000 | \"$JWSTOOL\" verify --quiet --key \"$KEY\" -"
        let result = try CLI.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", script],
                                     environment: ["TOKEN": token, "JWSTOOL": CLI.binary.path, "KEY": Self.key])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("200000 tokens: 200000 valid, 0 invalid"), "\(result.stderr)")
    }
}
