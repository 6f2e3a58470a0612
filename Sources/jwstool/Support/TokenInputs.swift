import Foundation

/// One token to process, with a label saying where it came from (`statement.jwt`, `tokens.txt:3`, `argument 1`).
struct TokenInput {
    let label: String
    let text: String
}

/// Expands the INPUT arguments of `decode`, `verify` and `lint`: a token, a file (one token, or one per line),
/// a directory (every file in it, in name order) or `-` (standard input).
enum TokenInputs {
    static func expand(_ arguments: [String]) throws -> [TokenInput] {
        let arguments = arguments.isEmpty ? ["-"] : arguments
        var inputs: [TokenInput] = []
        for (index, argument) in arguments.enumerated() {
            var isDirectory: ObjCBool = false
            if argument == "-" {
                inputs += tokens(in: try Files.read("-"), source: "<stdin>")
            } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: argument).filter { !$0.hasPrefix(".") }.sorted()
                    for name in names {
                        let path = (argument as NSString).appendingPathComponent(name)
                        var nested: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &nested), !nested.boolValue {
                            inputs += tokens(in: try Files.read(path), source: path)
                        }
                    }
                } else {
                    inputs += tokens(in: try Files.read(argument), source: argument)
                }
            } else if looksLikeToken(argument) {
                inputs.append(TokenInput(label: arguments.count == 1 ? "token" : "argument \(index + 1)", text: argument))
            } else {
                throw CLIFailure(.usage, "\(argument): no such file, and not a token")
            }
        }
        return inputs
    }

    /// A JSON serialization is one token however many lines it spans; otherwise one token per non-empty line.
    static func tokens(in bytes: [UInt8], source: String) -> [TokenInput] {
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") { return [TokenInput(label: source, text: trimmed)] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let entries = lines.enumerated().compactMap { number, line -> (Int, String)? in
            let token = line.trimmingCharacters(in: .whitespacesAndNewlines)
            return token.isEmpty || token.hasPrefix("#") ? nil : (number + 1, token)
        }
        if entries.count == 1 { return [TokenInput(label: source, text: entries[0].1)] }
        if entries.isEmpty { return [TokenInput(label: source, text: "")] }
        return entries.map { TokenInput(label: "\(source):\($0.0)", text: $0.1) }
    }

    private static func looksLikeToken(_ text: String) -> Bool {
        text.hasPrefix("{") || (text.contains(".") && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } && !text.contains("/"))
    }
}
