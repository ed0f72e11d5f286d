import Foundation

/// Median, min and max of repeated runs, and percentiles of many samples.
struct Summary {
    let values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }

    var median: Double { percentile(50) }
    var min: Double { values.first ?? .nan }
    var max: Double { values.last ?? .nan }

    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(values.count)).rounded(.up))
        return values[Swift.max(0, Swift.min(values.count - 1, rank - 1))]
    }
}

enum Format {
    static func number(_ v: Double, decimals: Int = 0) -> String {
        guard v.isFinite else { return "-" }
        let s = String(format: "%.\(decimals)f", v)
        // Thousands separators on the integer part.
        let parts = s.split(separator: ".", maxSplits: 1)
        var int = String(parts[0])
        let negative = int.hasPrefix("-")
        if negative { int.removeFirst() }
        var grouped = ""
        for (i, ch) in int.reversed().enumerated() {
            if i > 0, i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// One figure: median, min, max and the number of runs; with a
    /// reference, also the ratio of the medians ("×1.42 of 1×").
    static func row(_ name: String, _ s: Summary, unit: String, decimals: Int = 0,
                    against reference: Summary? = nil, referenceName: String = "1×") -> String {
        // A longer name is kept whole, not cut at the column.
        var line = (name.count < 44 ? name.padding(toLength: 44, withPad: " ", startingAt: 0) : name + " ")
            + "median \(number(s.median, decimals: decimals)) \(unit)  (min \(number(s.min, decimals: decimals)), max \(number(s.max, decimals: decimals)), n=\(s.values.count))"
        if let reference { line += "  ×\(number(s.median / reference.median, decimals: 2)) of \(referenceName)" }
        return line
    }
}
