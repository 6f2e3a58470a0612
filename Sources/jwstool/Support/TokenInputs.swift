import Foundation

/// One token to process, with where it came from: a file (or `<stdin>`, `token`, `argument 2`) and its line.
struct TokenInput: Sendable {
    let label: String
    let text: String
    var source: String
    var line: Int

    init(label: String, text: String, source: String? = nil, line: Int = 1) {
        self.label = label
        self.text = text
        self.source = source ?? label
        self.line = line
    }
}

/// The INPUT arguments of `decode`, `verify`, `lint` and `claims`: a token, a file (one token, or one per line),
/// a directory (every file in it, in name order) or `-` (standard input). Files are split as they are read
/// (``TokenSplitter``), so a batch is processed in chunks and memory follows the chunk, not the input.
enum TokenInputs {
    /// Calls `body` with the tokens of `arguments` in input order, at most `chunkSize` at a time.
    /// - Parameter limit: the most bytes read from any one file or standard input (`--max-input`).
    static func forEachChunk(_ arguments: [String], limit: Int = Files.defaultLimit, chunkSize: Int = 1024,
                             _ body: ([TokenInput]) throws -> Void) throws {
        var chunk: [TokenInput] = []
        func add(_ token: TokenInput) throws {
            chunk.append(token)
            if chunk.count >= chunkSize {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        let arguments = arguments.isEmpty ? ["-"] : arguments
        for (index, argument) in arguments.enumerated() {
            var isDirectory: ObjCBool = false
            if argument == "-" {
                try split("-", source: "<stdin>", limit: limit, emit: add)
            } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { !$0.hasPrefix(".") }.sorted()
                    for name in names {
                        let path = (argument as NSString).appendingPathComponent(name)
                        var nested: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &nested), !nested.boolValue {
                            try split(path, source: path, limit: limit, emit: add)
                        }
                    }
                } else {
                    try split(argument, source: argument, limit: limit, emit: add)
                }
            } else if looksLikeToken(argument) {
                try add(TokenInput(label: arguments.count == 1 ? "token" : "argument \(index + 1)", text: argument))
            } else {
                throw CLIFailure(.usage, "\(argument): no such file, and not a token")
            }
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    /// Every token of `arguments` at once (for commands that take one).
    static func expand(_ arguments: [String], limit: Int = Files.defaultLimit) throws -> [TokenInput] {
        var all: [TokenInput] = []
        try forEachChunk(arguments, limit: limit) { all += $0 }
        return all
    }

    private static func split(_ path: String, source: String, limit: Int, emit: (TokenInput) throws -> Void) throws {
        let input = try InputFile(path, limit: limit)
        var splitter = TokenSplitter(source: source)
        while case let chunk = try input.nextChunk(), !chunk.isEmpty { try splitter.feed(chunk, emit: emit) }
        try splitter.finish(emit: emit)
    }

    private static func looksLikeToken(_ text: String) -> Bool {
        text.hasPrefix("{") || (text.contains(".") && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } && !text.contains("/"))
    }
}
