import DCR
import JOSE

/// A usage report drawn as a line chart in SVG, on the server: one series per value of the grouping dimension (or one
/// for everything), one point per report row, x the period, y the measure. Series differ by colour and also by marker
/// shape and line pattern, so the chart reads without colour; the page's table gives every value.
struct UsageChart {
    struct YTick {
        let y: Int, labelX: Int, textY: Int, label: String
    }

    struct XTick {
        let x: Int, y: Int, label: String
    }

    struct Point {
        let marker: String, value: Int64, time: String, seriesName: String
    }

    struct Series {
        let name: String, colour: Int, dash: Int, polyline: String, points: [Point]
        let legendMarker: String, legendLineStart: Int, legendLineEnd: Int, legendY: Int, legendTextX: Int, legendTextY: Int
    }

    struct Row {
        let time: String, seriesName: String, value: Int64, hasSeries: Bool
    }

    /// The most series drawn; the smaller ones beyond are left out (the caption says how many).
    static let maximumSeries = 12

    let width = 960, left = 72, right = 900, top = 20, bottom = 320
    let height: Int
    let title: String
    let description: String
    let reportURL: String
    let metricLabel: String
    let byHeading: String?
    let pointCount: Int
    let yTicks: [YTick]
    let xTicks: [XTick]
    let series: [Series]
    let rows: [Row]

    /// - Parameters:
    ///   - rows: the report's rows, each with the time dimensions and, when grouped, `group`.
    init(rows reportRows: [ReportEngine.Row], metric: ReportMetric, metricLabel: String, group: ReportDimension?, groupLabel: String?,
         reportURL: String) {
        self.reportURL = reportURL
        self.metricLabel = metricLabel
        byHeading = groupLabel
        // Each row: its period (a sortable key and a label), its series and its value.
        let facts = reportRows.map { row -> (key: [Int64], time: String, series: String, value: Int64) in
            let value = row.metrics.first { $0.0 == metric }?.1 ?? 0
            let fields = Dictionary(row.dimensions.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
            let parts = [ReportDimension.year, .month, .day, .hour].compactMap { dimension in fields[dimension].flatMap { Int64($0) } }
            let series = group.flatMap { fields[$0] }.map { $0.isEmpty ? "(none)" : $0 } ?? "all"
            return (parts, UsageChart.label(parts), series, value)
        }
        let totals = Dictionary(facts.map { ($0.series, $0.value) }, uniquingKeysWith: +)
        let kept = Array(totals.keys.sorted { (totals[$0] ?? 0, $1) > (totals[$1] ?? 0, $0) }.prefix(UsageChart.maximumSeries))
        let shown = facts.filter { kept.contains($0.series) }
        let periods = Array(Set(shown.map(\.key))).sorted { $0.lexicographicallyPrecedes($1) }
        let labels = Dictionary(shown.map { ($0.key, $0.time) }, uniquingKeysWith: { first, _ in first })
        let position = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($0.element, $0.offset) })
        let maximum = UsageChart.niceMaximum(shown.map(\.value).max() ?? 0)
        let (left, right, top, bottom) = (self.left, self.right, self.top, self.bottom)
        let step = periods.count > 1 ? Double(right - left - 20) / Double(periods.count - 1) : 0
        let xOf = { (key: [Int64]) -> Int in
            left + 10 + Int((Double(position[key] ?? 0) * step).rounded()) + (periods.count > 1 ? 0 : (right - left - 20) / 2)
        }
        let yOf = { (value: Int64) -> Int in bottom - Int((Double(value) / Double(maximum) * Double(bottom - top)).rounded()) }
        yTicks = (0...5).map { index in
            let value = maximum * Int64(index) / 5
            return YTick(y: yOf(value), labelX: left - 8, textY: yOf(value) + 4, label: String(value))
        }
        let every = max(1, Int((Double(periods.count) / 8).rounded(.up)))
        xTicks = periods.enumerated().filter { $0.offset % every == 0 }.map { XTick(x: xOf($0.element), y: bottom + 18, label: labels[$0.element] ?? "") }
        series = kept.enumerated().map { index, name in
            let mine = shown.filter { $0.series == name }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            let points = mine.map { fact in
                Point(marker: UsageChart.marker(index + index / 6, x: xOf(fact.key), y: yOf(fact.value)), value: fact.value, time: fact.time,
                      seriesName: name)
            }
            let legendY = bottom + 44 + index * 20
            return Series(name: name, colour: index % 6, dash: (index / 6 + index) % 4, polyline: mine.map { "\(xOf($0.key)),\(yOf($0.value))" }.joined(separator: " "),
                          points: points, legendMarker: UsageChart.marker(index + index / 6, x: left + 14, y: legendY), legendLineStart: left, legendLineEnd: left + 28,
                          legendY: legendY, legendTextX: left + 38, legendTextY: legendY + 4)
        }
        height = bottom + 44 + max(series.count, 1) * 20
        pointCount = shown.count
        rows = shown.sorted { ($0.key.lexicographicallyPrecedes($1.key)) || ($0.key == $1.key && $0.series < $1.series) }
            .map { Row(time: $0.time, seriesName: $0.series, value: $0.value, hasSeries: group != nil) }
        let leftOut = totals.count - kept.count
        title = "\(metricLabel)\(groupLabel.map { " by \($0.lowercased())" } ?? "")"
        description = "\(shown.count) value\(shown.count == 1 ? "" : "s") over \(periods.count) period\(periods.count == 1 ? "" : "s")"
            + (periods.first.flatMap { labels[$0] }.map { ", from \($0)" } ?? "") + (periods.last.flatMap { labels[$0] }.map { " to \($0)" } ?? "")
            + (leftOut > 0 ? "; the \(leftOut) smallest series are left out" : "")
    }

    /// `2026-12-05` or `2026-12-05 09:00` (or `2026-12`, `2026`) from year, month, day and hour.
    static func label(_ parts: [Int64]) -> String {
        func two(_ number: Int64) -> String { number < 10 ? "0\(number)" : String(number) }
        var text = parts.first.map(String.init) ?? "all time"
        if parts.count > 1 { text += "-" + two(parts[1]) }
        if parts.count > 2 { text += "-" + two(parts[2]) }
        if parts.count > 3 { text += " " + two(parts[3]) + ":00" }
        return text
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value`, and at least 5, so the axis has round ticks.
    static func niceMaximum(_ value: Int64) -> Int64 {
        guard value > 5 else { return 5 }
        var magnitude: Int64 = 1
        while magnitude <= value / 10 { magnitude *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// An SVG path for series `index`'s marker at (x, y): circle, square, triangle, diamond, down-triangle or cross.
    static func marker(_ index: Int, x: Int, y: Int) -> String {
        let r = 5
        switch index % 6 {
        case 0: return "M\(x - r),\(y) a\(r),\(r) 0 1,0 \(2 * r),0 a\(r),\(r) 0 1,0 -\(2 * r),0"
        case 1: return "M\(x - r),\(y - r) h\(2 * r) v\(2 * r) h-\(2 * r) Z"
        case 2: return "M\(x),\(y - r - 1) L\(x + r + 1),\(y + r) L\(x - r - 1),\(y + r) Z"
        case 3: return "M\(x),\(y - r - 1) L\(x + r + 1),\(y) L\(x),\(y + r + 1) L\(x - r - 1),\(y) Z"
        case 4: return "M\(x - r - 1),\(y - r) L\(x + r + 1),\(y - r) L\(x),\(y + r + 1) Z"
        default: return "M\(x - r),\(y - r) L\(x + r),\(y + r) M\(x + r),\(y - r) L\(x - r),\(y + r)"
        }
    }
}
