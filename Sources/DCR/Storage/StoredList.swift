import Foundation

extension Array where Element == String {
    /// A list stored as one text column, one value per line (no stored value holds a line break).
    var storedList: String { joined(separator: "\n") }
    init(storedList: String) { self = storedList.isEmpty ? [] : storedList.components(separatedBy: "\n") }
}
