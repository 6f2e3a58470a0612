/// A usage report's representation: chosen by the path's extension, then the `format` parameter, then `Accept`, as
/// the CMU API page documents; JSON when none of them chooses.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, xml, csv, html

    /// The `Content-Type` of a response in this format.
    public var mediaType: String {
        switch self {
        case .json: "application/hal+json; charset=utf-8"
        case .xml: "application/hal+xml; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The media types an `Accept` header may name for this format.
    var acceptedTypes: [String] {
        switch self {
        case .json: ["application/json", "application/hal+json"]
        case .xml: ["application/xml", "text/xml", "application/hal+xml"]
        case .csv: ["text/csv"]
        case .html: ["text/html"]
        }
    }

    /// A format by name, for an extension or the `format` parameter; 406 naming the choices otherwise.
    static func named(_ name: String, from source: String) throws(DCRError) -> ReportFormat {
        guard let format = ReportFormat(rawValue: name.lowercased()) else {
            throw DCRError.notAcceptable("\(source) \(name.debugDescription) is not a report format (json, xml, csv, html)")
        }
        return format
    }

    /// The format an `Accept` header prefers (RFC 9110 §12.5.1: the highest `q`, then the most specific range, then
    /// JSON, XML, CSV, HTML in that order); `nil` for no header; 406 when it accepts none of them.
    static func negotiated(accept: String?) throws(DCRError) -> ReportFormat? {
        guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
        var best: (format: ReportFormat, quality: Double, specificity: Int)? = nil
        for range in accept.split(separator: ",") {
            let parameters = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parameters.first, !type.isEmpty else { continue }
            var quality = 1.0
            for parameter in parameters.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)).flatMap { (0...1).contains($0) ? $0 : nil } ?? 0
            }
            guard quality > 0 else { continue }
            for format in allCases {
                let specificity: Int
                if format.acceptedTypes.contains(type) { specificity = 2 }
                else if type == "*/*" { specificity = 0 }
                else if type.hasSuffix("/*"), format.acceptedTypes.contains(where: { $0.hasPrefix(type.dropLast()) }) { specificity = 1 }
                else { continue }
                if best.map({ quality > $0.quality || (quality == $0.quality && specificity > $0.specificity) }) ?? true {
                    best = (format, quality, specificity)
                }
            }
        }
        guard let best else {
            throw DCRError.notAcceptable("no report format matches Accept: \(accept.excerpt); the formats are "
                                         + allCases.map { $0.acceptedTypes.joined(separator: ", ") }.joined(separator: ", "))
        }
        return best.format
    }
}
