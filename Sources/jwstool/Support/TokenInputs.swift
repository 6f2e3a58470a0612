import Foundation

/// One token to process, with where it came from: a file (or `<stdin>`, `token`, `argument 2`) and its line.
struct TokenInput {
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

/// Expands the INPUT arguments of `decode`, `verify` and `lint`: a token, a file (one token, or one per line),
/// a directory (every file in it, in name order) or `-` (standard input).
enum TokenInputs {
    /// - Parameter limit: the most bytes read from any one file or standard input (`--max-input`).
    static func expand(_ arguments: [String], limit: Int = Files.defaultLimit) throws -> [TokenInput] {
        let arguments = arguments.isEmpty ? ["-"] : arguments
        var inputs: [TokenInput] = []
        for (index, argument) in arguments.enumerated() {
            var isDirectory: ObjCBool = false
            if argument == "-" {
                inputs += tokens(in: try Files.read("-", limit: limit), source: "<stdin>")
            } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { !$0.hasPrefix(".") }.sorted()
                    for name in names {
                        let path = (argument as NSString).appendingPathComponent(name)
                        var nested: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &nested), !nested.boolValue {
                            inputs += tokens(in: try Files.read(path, limit: limit), source: path)
                        }
                    }
                } else {
                    inputs += tokens(in: try Files.read(argument, limit: limit), source: argument)
                }
            } else if looksLikeToken(argument) {
                inputs.append(TokenInput(label: arguments.count == 1 ? "token" : "argument \(index + 1)", text: argument))
            } else {
                throw CLIFailure(.usage, "\(argument): no such file, and not a token")
            }
        }
        return inputs
    }

    /// A JSON serialization is one token however many lines it spans. Otherwise each token starts on a new line;
    /// a line that does not start a token (every JOSE header encodes `{"`, so tokens begin with `eyJ`) continues the
    /// one before as long as the two hold no more than the two dots of one JWS: a token wrapped when it was copied out of
    /// a document stays one token, and its whitespace is reported. Linear in the input: each group keeps its dot count.
    static func tokens(in bytes: [UInt8], source: String) -> [TokenInput] {
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") { return [TokenInput(label: source, text: trimmed, line: firstLine(of: text))] }
        var groups: [(line: Int, text: String, dots: Int)] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let dots = line.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
            if let last = groups.indices.last, !line.hasPrefix("eyJ"), groups[last].dots + dots <= 2 {
                groups[last].text += "\n" + line
                groups[last].dots += dots
            } else {
                groups.append((number + 1, line, dots))
            }
        }
        if groups.isEmpty { return [TokenInput(label: source, text: "")] }
        if groups.count == 1 { return [TokenInput(label: source, text: groups[0].text, line: groups[0].line)] }
        return groups.map { TokenInput(label: "\(source):\($0.line)", text: $0.text, source: source, line: $0.line) }
    }

    private static func firstLine(of text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0) + 1
    }

    private static func looksLikeToken(_ text: String) -> Bool {
        text.hasPrefix("{") || (text.contains(".") && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } && !text.contains("/"))
    }
}
