import JOSE

/// HAL XML, as the CMU API page shows it: `<resource href=self><links><link rel=… href=… name=…/></links>
/// <report><record dimension="value" metric="value"/></report></resource>`.
struct HALXMLReportWriter: FormatWriter {
    let document: ReportDocument
    private var records: [String] = []

    init(_ document: ReportDocument) { self.document = document }

    mutating func write(_ rows: [ReportEngine.Row]) -> String {
        records += rows.map { row in
            let attributes = row.dimensions.map { ($0.0.rawValue, $0.1) } + row.metrics.map { ($0.0.rawValue, String($0.1)) }
            return "    <record" + attributes.map { " \($0.0)=\"\(Self.escaped($0.1))\"" }.joined() + "/>"
        }
        return ""
    }

    mutating func finish() -> String {
        let links = document.links
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<resource href=\"\(Self.escaped(links.selfHref))\">", "  <links>"]
        let related = (links.rollUp.map { [("roll-up", $0)] } ?? []) + links.drillDown.map { ("drill-down", $0) }
        lines += related.map { "    <link rel=\"\($0.0)\" href=\"\(Self.escaped($0.1.href))\" name=\"\(Self.escaped($0.1.name))\"/>" }
        lines += ["  </links>", "  <report>"] + records + ["  </report>", "</resource>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as an XML attribute value: markup characters escaped, and characters XML 1.0 cannot hold (C0 controls
    /// other than tab, line feed and carriage return, which are escaped too) replaced by U+FFFD.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result += "&#\(scalar.value);"
            default:
                let allowed = scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value)
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }
}
