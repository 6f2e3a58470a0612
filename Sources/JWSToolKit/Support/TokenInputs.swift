import FoundationEssentials
import JOSE

/// The INPUT arguments of `decode`, `verify`, `lint` and `claims`: a token, a file (one token, or one per line),
/// a directory (every file in it, in name order) or `-` (standard input). Files are split as they are read
/// (``TokenSplitter``) and handed on in batches, so memory follows the batches in flight, not the input.
package enum TokenInputs {
    /// The most tokens in one batch.
    static let batchSize = 256

    /// Streams the tokens of `arguments` through `transform` on `jobs` workers while they are read, and gives each
    /// batch with its results to `consume` in input order, flushing standard output after each: a batch ends at
    /// ``batchSize`` tokens or when the next read would wait for a writer, so a token written to a pipe is answered
    /// before the next arrives.
    static func process<Output: Sendable>(
        _ arguments: [String], limits: InputLimits,
        transform: @escaping @Sendable (TokenInput) -> Output,
        consume: ([TokenInput], [Output]) throws -> Void
    ) throws {
        let limit = limits.maxInput
        // Tokens given as arguments, and a few small files, are handled on this thread: starting workers would cost
        // more than they save.
        if handlesAtOnce(arguments) {
            return try read(arguments, limit: limit) { tokens in try consume(tokens, tokens.map(transform)) }
        }
        try OrderedPipeline.run(
            jobs: limits.jobs,
            produce: { submit in try read(arguments, limit: limit, submit: submit) },
            transform: transform,
            consume: { tokens, outputs in
                try consume(tokens, outputs)
                Terminal.flushOutput()
            })
    }

    /// Together, regular files up to this size are read and handled on the calling thread (about 100 statements).
    static let smallInput = 64 << 10

    /// Whether `arguments` are only tokens and regular files of at most ``smallInput`` bytes in all.
    static func handlesAtOnce(_ arguments: [String]) -> Bool {
        var fileBytes = 0
        for argument in arguments {
            if argument == "-" { return false }
            if let size = Files.regularFileSize(argument) {
                fileBytes += size
            } else if Files.isDirectory(argument) != nil || token(in: argument) == nil {
                return false
            }
        }
        return !arguments.isEmpty && fileBytes <= smallInput
    }

    /// Every token of `arguments` at once (for commands that take one).
    package static func expand(_ arguments: [String], limit: Int = Files.defaultLimit) throws -> [TokenInput] {
        var all: [TokenInput] = []
        try read(arguments, limit: limit) { all += $0 }
        return all
    }

    /// Reads `arguments` in order, calling `submit` with batches of tokens.
    /// - Parameter limit: the most bytes read from any one file or standard input (`--max-input`).
    static func read(_ arguments: [String], limit: Int, submit: ([TokenInput]) throws -> Void) throws {
        try withoutActuallyEscaping(submit) { submit in
            var batcher = Batcher(submit: submit)
            func split(_ path: String, source: String) throws {
                let input = try InputFile(path, limit: limit)
                var splitter = TokenSplitter(source: source, labelsEveryToken: !input.isRegularFile)
                while true {
                    try batcher.flush(before: input)
                    let chunk = try input.nextChunk()
                    if chunk.isEmpty { break }
                    try splitter.feed(chunk) { try batcher.add($0) }
                }
                try splitter.finish { try batcher.add($0) }
            }
            let arguments = arguments.isEmpty ? ["-"] : arguments
            for (index, argument) in arguments.enumerated() {
                if argument == "-" {
                    try split("-", source: "<stdin>")
                } else if let isDirectory = Files.isDirectory(argument) {
                    if isDirectory {
                        let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { !$0.hasPrefix(".") }.sorted()
                        for name in names {
                            let path = argument.hasSuffix("/") ? argument + name : argument + "/" + name
                            if Files.isDirectory(path) == false { try split(path, source: path) }
                        }
                    } else {
                        try split(argument, source: argument)
                    }
                } else if let token = token(in: argument) {
                    let label = arguments.count == 1 ? "token" : "argument \(index + 1)"
                    if token.count != argument.count { Terminal.note("jwstool: \(label): the pasted \"Bearer \" prefix is not part of the token; removed") }
                    try batcher.add(TokenInput(label: label, text: token))
                } else {
                    throw CLIFailure(.usage, "\(Terminal.shown(argument)): no such file")
                }
            }
            try batcher.flush()
        }
    }

    /// The token an argument that names no file holds: a JSON serialization, or three base64url segments (padding
    /// tolerated, for `decode` and `lint` to report) whose first begins with `e` (every JOSE header is a JSON object,
    /// and `{` encodes to `e`) — after a pasted `Bearer `
    /// prefix, if any. Anything else is a file name that does not exist (`nosuchfile.jwt`), never a token.
    static func token(in argument: String) -> String? {
        var text = Substring(argument)
        if text.count > 7, text.prefix(7).lowercased() == "bearer " { text = text.dropFirst(7).drop { $0 == " " } }
        if text.hasPrefix("{") { return String(text) }
        let segments = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3, segments[0].first == UInt8(ascii: "e"),
              text.utf8.allSatisfy({ $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "=") || Base64URL.isAlphabet($0) }) else { return nil }
        return String(text)
    }
}
