/// Which log sources hold an alert's logs: a source matches when its name
/// equals the value of one of these labels (default `instance`, `host`,
/// `service`), or that value without its port (`db-1:9100` → `db-1`, as
/// node_exporter's `instance` label carries the scrape port). The config
/// key `log_sources_for_alerts` names other labels.
public struct AlertLogSources: Sendable, Equatable {
    public static let defaultLabels = ["instance", "host", "service"]
    public var labels: [String]

    public init(labels: [String] = AlertLogSources.defaultLabels) { self.labels = labels }

    /// The source names an alert's labels point at, in label order.
    public func candidates(for alertLabels: [String: String]) -> [String] {
        var names: [String] = []
        for label in labels {
            guard let value = alertLabels[label], !value.isEmpty else { continue }
            for name in [value, Self.withoutPort(value)] where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Of the sources there are, those that match the alert, in label order.
    public func matching(_ sources: [String], alertLabels: [String: String]) -> [String] {
        let present = Set(sources)
        return candidates(for: alertLabels).filter(present.contains)
    }

    /// `host:port` → `host`; `[::1]:9100` → `::1`; anything else unchanged.
    static func withoutPort(_ value: String) -> String {
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        guard let colon = value.lastIndex(of: ":"), value.firstIndex(of: ":") == colon else { return value }
        let port = value[value.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy(\.isNumber) else { return value }
        return String(value[..<colon])
    }
}
