import Foundation

/// How one label varies within a group: `instance: db-1…db-9 +303` says
/// 312 hosts fire, without 312 rows. Values are sorted numerically within
/// text (db-2 before db-10), as a person reads host names.
public struct LabelSpread: Sendable, Equatable {
    public var label: String
    /// The distinct values, sorted.
    public var values: [String]

    /// At most this many values are named; the rest are counted.
    public static let named = 9

    /// `db-1, db-2` for a few values; `db-1…db-9 +303` for many: the first
    /// and the ninth of the sorted values (a range a reader completes), and
    /// how many more.
    public var text: String {
        let shown: String
        if values.count <= 3 {
            shown = values.map(Self.show).joined(separator: ", ")
        } else {
            let last = min(values.count, Self.named) - 1
            shown = Self.show(values[0]) + "…" + Self.show(values[last])
                + (values.count > Self.named ? " +\(values.count - Self.named)" : "")
        }
        return "\(label): \(shown)"
    }

    static func show(_ value: String) -> String { value.isEmpty ? "\"\"" : value }

    /// The labels (other than `except`) that do not have one value across
    /// all members; an alert without the label counts as the empty value.
    /// Sorted by label name.
    public static func differing(in members: [Alert], except: Set<String>) -> [LabelSpread] {
        guard members.count > 1 else { return [] }
        var seen: [String: Set<String>] = [:]
        for m in members {
            for (label, value) in m.labels where !except.contains(label) { seen[label, default: []].insert(value) }
        }
        return seen.compactMap { label, values -> LabelSpread? in
            var values = values
            if members.contains(where: { $0.labels[label] == nil }) { values.insert("") }
            guard values.count > 1 else { return nil }
            return LabelSpread(label: label, values: values.sorted { $0.compare($1, options: [.numeric]) == .orderedAscending })
        }.sorted { $0.label < $1.label }
    }
}
