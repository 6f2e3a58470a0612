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
