import JOSE

/// Checks on text that came from a client before it is compared, stored or shown.
extension StringProtocol {
    /// Whether the text holds a C0 or C1 control character or DEL (NUL included: SQLite and C APIs end a string there,
    /// so `id\0anything` would otherwise be read as `id`).
    public var containsControlCharacters: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Whether the text holds a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which make a name
    /// display differently from what it is ("Trojan Source").
    public var containsBidiControls: Bool {
        unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
    }
}

extension String {
    /// The text as an error message may show it: at most 40 characters, quoted and escaped as a JSON string, so a
    /// control character, a quote or a megabyte of it cannot change what the message says.
    public var excerpt: String {
        JSONValue.string(count > 40 ? String(prefix(40)) + "…" : self).compact
    }
}
