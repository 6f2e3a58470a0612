/// Splits one source into tokens as its bytes arrive, in linear time and bounded memory.
///
/// A JSON serialization (the first non-blank byte is `{`) is one token however many lines it spans. Otherwise each
/// token starts on a new line, and blank and `#` lines are skipped. A token wrapped when it was copied out of a
/// document stays one token (its whitespace is then reported): a line continues the token before it only while that
/// token is still open, and only when the line could be part of a token (base64url characters and dots, not the `eyJ`
/// that begins every JOSE header, no more than two dots in all). A token is open while it has fewer than the two dots
/// of a compact JWS, or while its signature is shorter than every signature JOSE's algorithms make (43, 64, 86, 128,
/// 152, 171, 176, 256, 342, 512 or 683 characters, or none) and, when it spans several lines, its last line is as wide
/// as its first (a fixed-width wrap). A line that is not a token is therefore reported as its own failure, and a
/// complete token is handed on as soon as its line ends, which lets results stream while the input is still arriving.
///
/// Labels: a regular file holding one token is labelled with the file's name; tokens of a file holding several, and
/// every token of a stream (a pipe, a terminal), are labelled `source:line` — a stream's end is not known in advance.
package struct TokenSplitter {
    package let source: String
    /// Every token is labelled with its line (streams); otherwise the first is held to see whether a second follows.
    package let labelsEveryToken: Bool
    private var lines = LineReader()
    /// Newlines seen before the first non-blank byte (which decides between JSON and line mode).
    private var blankLines = 0
    private var isJSON: Bool? = nil
    private var json: [UInt8] = []
    private var jsonLine = 1
    private var group = Group()
    /// The first token of a regular file, held until a second one shows whether labels need line numbers.
    private var held: (line: Int, text: String)? = nil
    private var emitted = 0

    package init(source: String, labelsEveryToken: Bool = false) {
        self.source = source
        self.labelsEveryToken = labelsEveryToken
    }

    /// Feeds the next bytes; `emit` receives each token that is complete.
    package mutating func feed(_ bytes: ArraySlice<UInt8>, emit: (TokenInput) throws -> Void) rethrows {
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
        // The reader is moved out while it calls back into `take` (which mutates self), and moved back after.
        var reader = LineReader()
        swap(&reader, &lines)
        defer { swap(&reader, &lines) }
        try reader.feed(bytes) { try take($0, $1, emit: emit) }
    }

    /// Ends the source: emits what is left (an empty source gives one empty token, which then fails as malformed).
    package mutating func finish(emit: (TokenInput) throws -> Void) rethrows {
        if isJSON == true {
            let end = json.lastIndex { !$0.isJSONWhitespace }.map { $0 + 1 } ?? 0
            let start = json.firstIndex { !$0.isJSONWhitespace } ?? end
            return try emit(TokenInput(label: source, text: String(decoding: json[start..<end], as: UTF8.self), line: jsonLine))
        }
        if let last = lines.finish() { try take(last.line, last.text, emit: emit) }
        try close(emit: emit)
        if let held {
            try emit(TokenInput(label: source, text: held.text, line: held.line))
            emitted += 1
        }
        held = nil
        if emitted == 0 { try emit(TokenInput(label: source, text: "")) }
    }

    private mutating func take(_ number: Int, _ line: String, emit: (TokenInput) throws -> Void) rethrows {
        if line.isEmpty || line.hasPrefix("#") { return try close(emit: emit) }
        if group.extend(with: line) { return }
        try close(emit: emit)
        group = Group(line: number, text: line)
        if !group.isOpen { try close(emit: emit) }
    }

    private mutating func close(emit: (TokenInput) throws -> Void) rethrows {
        guard group.line > 0 else { return }
        let (line, text) = (group.line, group.text)
        group = Group()
        if labelsEveryToken {
            emitted += 1
            return try emit(TokenInput(label: "\(source):\(line)", text: text, source: source, line: line))
        }
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

extension TokenSplitter {
    /// The tokens of `bytes`, one whole source (a pasted text, a dropped file), split as ``feed(_:emit:)`` splits.
    package static func tokens(in bytes: [UInt8], source: String) -> [TokenInput] {
        var splitter = TokenSplitter(source: source)
        var tokens: [TokenInput] = []
        splitter.feed(bytes[...]) { tokens.append($0) }
        splitter.finish { tokens.append($0) }
        return tokens
    }
}

/// One token to process, with where it came from: a file (or `<stdin>`, `token`, `argument 2`) and its line.
package struct TokenInput: Sendable {
    package let label: String
    package let text: String
    package var source: String
    package var line: Int

    package init(label: String, text: String, source: String? = nil, line: Int = 1) {
        self.label = label
        self.text = text
        self.source = source ?? label
        self.line = line
    }
}

/// The lines of one token being gathered (`line` 0: none). Plain stored properties, so that appending mutates the
/// text in place.
private struct Group {
    var line = 0
    var text = ""
    private var dots = 0
    /// Characters after the second dot (the signature so far).
    private var signatureLength = 0
    private var lineCount = 0
    private var firstWidth = 0
    private var lastWidth = 0
    /// Every line so far could belong to a token (base64url characters and dots).
    private var couldBeToken = false

    /// The lengths of base64url signatures: HMAC-SHA-256/384/512, ECDSA P-256 (and secp256k1, and Ed25519), P-384,
    /// Ed448, P-521, and RSA moduli of 1024, 1536, 2048, 3072 and 4096 bits; 0 for an unsecured JWS.
    private static let signatureLengths: Set<Int> = [0, 43, 64, 86, 128, 152, 171, 176, 256, 342, 512, 683]

    init() {}

    init(line: Int, text: String) {
        let shape = LineShape(text)
        self.line = line
        self.text = text
        couldBeToken = shape.couldBePartOfToken
        firstWidth = shape.width
        take(shape)
    }

    /// Whether a following line may still belong to this token.
    var isOpen: Bool {
        guard couldBeToken, dots <= 2 else { return false }
        if dots < 2 { return lineCount == 1 || lastWidth == firstWidth }
        return !Self.signatureLengths.contains(signatureLength) && (lineCount == 1 || lastWidth == firstWidth)
    }

    /// Appends `next` when it continues this token; false (and nothing changed) when it does not.
    mutating func extend(with next: String) -> Bool {
        guard line > 0, isOpen, !next.hasPrefix("eyJ") else { return false }
        let shape = LineShape(next)
        guard shape.couldBePartOfToken, dots + shape.dots <= 2 else { return false }
        text.append("\n")
        text.append(next)
        take(shape)
        return true
    }

    private mutating func take(_ shape: LineShape) {
        signatureLength = shape.dots > 0 ? shape.afterLastDot : (dots == 2 ? signatureLength + shape.width : 0)
        dots += shape.dots
        if dots != 2 { signatureLength = 0 }
        lineCount += 1
        lastWidth = shape.width
    }
}

/// What the splitter needs to know of one line, measured in one pass over its bytes.
private struct LineShape {
    var width = 0
    var dots = 0
    var afterLastDot = 0
    /// Base64url characters, dots and `=` padding (which lint reports) only.
    var couldBePartOfToken = true

    /// 1: base64url or `=`; 2: `.`; 0: anything else.
    private static let classes: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): 1
        case UInt8(ascii: "."): 2
        default: 0
        }
    }

    private init() {}

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { bytes in
            var shape = LineShape()
            shape.width = bytes.count
            Self.classes.withUnsafeBufferPointer { classes in
                for (offset, byte) in bytes.enumerated() {
                    switch classes[Int(byte)] {
                    case 2:
                        shape.dots += 1
                        shape.afterLastDot = bytes.count - offset - 1
                    case 0:
                        shape.couldBePartOfToken = false
                    default:
                        break
                    }
                }
            }
            return shape
        }
    }
}
