import Foundation

/// How one label varies within a group: `instance: db-1…db-9 +303` says
/// 312 hosts fire, without 312 rows. Values are ordered numerically within
/// text (db-2 before db-10), as a person reads host names.
public struct LabelSpread: Sendable, Equatable {
    public var label: String
    /// How many distinct values the label has in the group.
    public var count: Int
    /// The first of them in that order, at most `named`: only those are
    /// ever shown, so a storm's 20,000 values are never all sorted.
    public var first: [String]

    /// At most this many values are named; the rest are counted.
    public static let named = 9

    public init(label: String, values: some Collection<String>) {
        self.label = label
        count = values.count
        first = NaturalOrder.smallest(Self.named, of: values)
    }

    /// `db-1, db-2` for a few values; `db-1…db-9 +303` for many: the first
    /// and the ninth (a range a reader completes), and how many more.
    public var text: String {
        let shown: String
        if count <= 3 {
            shown = first.map(Self.show).joined(separator: ", ")
        } else {
            shown = Self.show(first[0]) + "…" + Self.show(first[first.count - 1])
                + (count > first.count ? " +\(count - first.count)" : "")
        }
        return "\(label): \(shown)"
    }

    static func show(_ value: String) -> String { value.isEmpty ? "\"\"" : value }

    /// The labels (other than `except`) that do not have one value across
    /// all members; an alert without the label counts as the empty value.
    /// Sorted by label name.
    public static func differing(in members: [Alert], except: Set<String>) -> [LabelSpread] {
        guard members.count > 1 else { return [] }
        var seen: [String: (values: Set<String>, members: Int)] = [:]
        for m in members {
            for (label, value) in m.labels where !except.contains(label) {
                seen[label, default: ([], 0)].values.insert(value)
                seen[label]!.members += 1
            }
        }
        return seen.compactMap { label, entry -> LabelSpread? in
            var values = entry.values
            if entry.members < members.count { values.insert("") }
            guard values.count > 1 else { return nil }
            return LabelSpread(label: label, values: values)
        }.sorted { $0.label < $1.label }
    }
}

/// Text ordered as people read it: runs of digits compare as numbers
/// (host-2 before host-10), the rest byte by byte. Plain Swift over UTF-8:
/// Foundation's numeric `compare` cost a quarter of a second over a storm.
enum NaturalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        var i = a.utf8.makeIterator(), j = b.utf8.makeIterator()
        var x = i.next(), y = j.next()
        while let cx = x, let cy = y {
            if isDigit(cx), isDigit(cy) {
                // Compare the two digit runs as numbers: leading zeros off,
                // then the longer run is larger, then the first difference.
                var ra: [UInt8] = [], rb: [UInt8] = []
                while let c = x, isDigit(c) { if !(ra.isEmpty && c == 48) { ra.append(c) }; x = i.next() }
                while let c = y, isDigit(c) { if !(rb.isEmpty && c == 48) { rb.append(c) }; y = j.next() }
                if ra.count != rb.count { return ra.count < rb.count }
                if ra != rb { return ra.lexicographicallyPrecedes(rb) }
                continue
            }
            if cx != cy { return cx < cy }
            x = i.next(); y = j.next()
        }
        if x == nil, y != nil { return true }
        if x == nil, y == nil { return a < b }
        return false
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// The `k` smallest values, in order, in one pass.
    static func smallest(_ k: Int, of values: some Collection<String>) -> [String] {
        var kept: [String] = []
        kept.reserveCapacity(k + 1)
        for v in values {
            if kept.count == k, let last = kept.last, !less(v, last) { continue }
            let at = kept.firstIndex { less(v, $0) } ?? kept.count
            kept.insert(v, at: at)
            if kept.count > k { kept.removeLast() }
        }
        return kept
    }
}
