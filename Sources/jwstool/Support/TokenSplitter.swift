import Foundation
import JOSE

/// Splits one source into tokens as its bytes arrive, in linear time and bounded memory: a JSON serialization (the
/// first non-blank byte is `{`) is one token however many lines it spans; otherwise each token starts on a new line,
/// blank and `#` lines are skipped, and a line that does not start a token (every JOSE header encodes `{"`, so tokens
/// begin with `eyJ`) continues the one before as long as the two hold no more than the two dots of one JWS — a token
/// wrapped when it was copied out of a document stays one token, and its whitespace is reported.
///
/// A source holding one token labels it with the source's name; several are labelled `source:line`.
struct TokenSplitter {
    let source: String
    private var lines = LineReader()
    /// Newlines seen before the first non-blank byte (which decides between JSON and line mode).
    private var blankLines = 0
    private var isJSON: Bool? = nil
    private var json: [UInt8] = []
    private var jsonLine = 1
    /// The group being built: its first line, text and dot count (`pendingLine` 0: none). Plain stored properties,
    /// so that appending to the text mutates it in place — through an optional tuple it was copied on every line.
    private var pendingLine = 0
    private var pendingText = ""
    private var pendingDots = 0
    /// The first group, held until a second one shows whether labels need line numbers.
    private var held: (line: Int, text: String)? = nil
    private var emitted = 0

    init(source: String) { self.source = source }

    /// Feeds the next bytes; `emit` receives each token that is complete.
    mutating func feed(_ bytes: ArraySlice<UInt8>, emit: (TokenInput) throws -> Void) rethrows {
        if isJSON == nil {
            guard let first = bytes.firstIndex(where: { !$0.isJSONWhitespace }) else {
                blankLines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                return
            }
            isJSON = bytes[first] == UInt8(ascii: "{")
            jsonLine = blankLines + bytes[..<first].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            lines = LineReader(after: blankLines)
        }
        if isJSON == true {
            json += bytes
            return
        }
        for line in lines.feed(bytes) { try take(line, emit: emit) }
    }

    /// Ends the source: emits what is left (an empty source gives one empty token, which then fails as malformed).
    mutating func finish(emit: (TokenInput) throws -> Void) rethrows {
        if isJSON == true {
            let text = String(decoding: json, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return try emit(TokenInput(label: source, text: text, line: jsonLine))
        }
        if let last = lines.finish() { try take(last, emit: emit) }
        if pendingLine > 0 { try group(pendingLine, pendingText, emit: emit) }
        pendingLine = 0
        if let held {
            try emit(TokenInput(label: source, text: held.text, line: held.line))
            emitted += 1
        }
        held = nil
        if emitted == 0 { try emit(TokenInput(label: source, text: "")) }
    }

    private mutating func take(_ numbered: (line: Int, text: String), emit: (TokenInput) throws -> Void) rethrows {
        let line = numbered.text
        if line.isEmpty || line.hasPrefix("#") { return }
        let dots = line.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
        if pendingLine > 0, !line.hasPrefix("eyJ"), pendingDots + dots <= 2 {
            pendingText.append("\n")
            pendingText.append(line)
            pendingDots += dots
            return
        }
        if pendingLine > 0 { try group(pendingLine, pendingText, emit: emit) }
        (pendingLine, pendingText, pendingDots) = (numbered.line, line, dots)
    }

    private mutating func group(_ line: Int, _ text: String, emit: (TokenInput) throws -> Void) rethrows {
        if emitted == 0 && held == nil {
            held = (line, text)
            return
        }
        if let first = held {
            try emit(TokenInput(label: "\(source):\(first.line)", text: first.text, source: source, line: first.line))
            held = nil
            emitted += 1
        }
        try emit(TokenInput(label: "\(source):\(line)", text: text, source: source, line: line))
        emitted += 1
    }
}
