/// One output format of a stream of items (lint reports, report rows): a type per format, so a new format is one file.
/// A format that can print as items come (text, CSV) returns text from ``write(_:)``; one that needs every item
/// for its document (JSON, SARIF, XML) keeps them and returns the document from ``finish()``.
public protocol FormatWriter<Item> {
    /// What it writes: a lint report, a report row.
    associatedtype Item
    /// The text for `items`, the next ones in order; empty when the format writes only at the end.
    mutating func write(_ items: [Item]) -> String
    /// The text after the last item: the whole document, or a summary.
    mutating func finish() -> String
}

extension FormatWriter {
    /// Everything the format writes for `items`.
    public mutating func document(_ items: [Item]) -> String { write(items) + finish() }
}
