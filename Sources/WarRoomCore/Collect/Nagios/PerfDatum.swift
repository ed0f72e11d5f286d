import Foundation

/// One performance-data item of a monitoring-plugins check:
/// `'label'=value[UOM];[warn];[crit];[min];[max]`.
public struct PerfDatum: Sendable, Equatable, Codable {
    /// Quotes removed; `''` inside quotes is one `'`.
    public var label: String
    /// nil for `U` (the plugin could not measure it).
    public var value: Double?
    /// What follows the number, kept as given: "", "s", "ms", "%", "B", "KB", "MiB", "c" …
    public var unit: String
    /// Warning threshold range exactly as given ("5.000", "1:2", "~:5", "@10:20", "1:"); nil when empty or absent.
    public var warn: String?
    /// Critical threshold range exactly as given; nil when empty or absent.
    public var crit: String?
    /// nil when empty, absent or not a number.
    public var min: Double?
    /// nil when empty, absent or not a number.
    public var max: Double?

    public init(label: String, value: Double?, unit: String = "", warn: String? = nil, crit: String? = nil,
                min: Double? = nil, max: Double? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.warn = warn
        self.crit = crit
        self.min = min
        self.max = max
    }
}
