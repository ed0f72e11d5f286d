import Foundation

/// What a collector saw of one alert on one poll or delivery.
public struct AlertObservation: Sendable, Equatable {
    public var fingerprint: String
    public var source: String
    public var name: String
    public var severity: String
    public var state: AlertState
    public var summary: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: Date
    public var endsAt: Date?
    /// The ids of the silences muting the alert at its source, when the
    /// source tells (Alertmanager's API does; its webhook and other
    /// sources do not: nil).
    public var silencedBy: [String]?
    /// When the latest of those silences ends (looked up by the collector).
    public var silencedUntil: Date?

    public init(fingerprint: String? = nil, source: String, name: String, severity: String, state: AlertState,
                summary: String, labels: [String: String], annotations: [String: String] = [:],
                startsAt: Date, endsAt: Date? = nil, silencedBy: [String]? = nil) {
        self.silencedBy = silencedBy
        self.source = source
        self.name = name
        self.severity = severity
        self.state = state
        self.summary = summary
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.fingerprint = fingerprint ?? AlertObservation.fingerprint(source: source, labels: labels)
    }

    /// A stable fingerprint for sources that have none of their own:
    /// FNV-1a 64 over the source and the sorted label pairs.
    public static func fingerprint(source: String, labels: [String: String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String) {
            for byte in s.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        mix(source)
        for key in labels.keys.sorted() {
            mix(key)
            mix(labels[key] ?? "")
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The severity labels by rank: critical/page/sev1 first, then
    /// error/major, warning, info; anything else ranks 4.
    public static let severityLabelsByRank: [[String]] = [
        ["critical", "page", "emergency", "fatal", "sev1", "p1"],
        ["error", "major", "high", "sev2", "p2"],
        ["warning", "warn", "minor", "medium", "sev3", "p3"],
        ["info", "informational", "low", "notice", "sev4", "p4"],
    ]

    private static let rankOfLabel: [String: Int] = {
        var map: [String: Int] = [:]
        for (rank, labels) in severityLabelsByRank.enumerated() { for l in labels { map[l] = rank } }
        return map
    }()

    public static func rank(ofSeverityLabel label: String) -> Int {
        rankOfLabel[label.lowercased()] ?? severityLabelsByRank.count
    }
}
