import Foundation

/// Firing alerts that share the grouping labels' values: one row of the
/// alert pane, and what "ack all" and "silence all" act on.
public struct AlertGroup: Sendable, Equatable, Identifiable {
    /// One grouping label and the group's value of it; as an Alertmanager
    /// equality matcher it is what "silence all" silences.
    public struct Matcher: Sendable, Equatable, Hashable {
        public var label: String
        public var value: String
        public init(label: String, value: String) { self.label = label; self.value = value }
    }

    /// The grouping labels' values, one text: the group's identity across
    /// reloads (the selection follows it while members come and go).
    public let key: String
    public let matchers: [Matcher]
    /// Worst first, then newest, as the feed orders alerts.
    public let members: [Alert]
    /// The rank of the worst member's severity (0 is critical).
    public let worstRank: Int
    /// That member's severity label, as sent.
    public let worstSeverity: String
    public let acknowledged: Int
    public let silenced: Int
    public let oldestStart: Date
    /// The labels whose values differ between members, summarised.
    public let spreads: [LabelSpread]

    public var id: String { key }
    public var count: Int { members.count }

    public init(key: String, matchers: [Matcher], members: [Alert], grouping: AlertGrouping, now: Date) {
        self.key = key
        self.matchers = matchers
        self.members = members
        var worst = members.first
        var acked = 0, silenced = 0
        var oldest = members.first?.startsAt ?? now
        for m in members {
            if m.severityRank < (worst?.severityRank ?? Int.max) { worst = m }
            if m.ackedBy != nil { acked += 1 }
            if m.isSilenced(at: now) { silenced += 1 }
            if m.startsAt < oldest { oldest = m.startsAt }
        }
        worstRank = worst?.severityRank ?? Int.max
        worstSeverity = worst?.severity ?? ""
        acknowledged = acked
        self.silenced = silenced
        oldestStart = oldest
        spreads = LabelSpread.differing(in: members, except: Set(grouping.labels))
    }

    /// The matchers as Alertmanager's label set for a silence.
    public var silenceLabels: [String: String] {
        Dictionary(matchers.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// `alertname="HostDown", service="db"`: what the prompt shows before
    /// "silence all" creates anything. Values are quoted as in amtool.
    public var matcherText: String {
        matchers.map { "\($0.label)=\"\($0.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
            .joined(separator: ", ")
    }

    /// The grouping values shown as the group's name (`HostDown · db`).
    public var title: String {
        let shown = matchers.map(\.value).filter { !$0.isEmpty }
        return shown.isEmpty ? "(no value)" : shown.joined(separator: " · ")
    }

    /// Each value length-prefixed, so no value (whatever it holds) can
    /// make two different label sets one key.
    static func key(_ matchers: [Matcher]) -> String {
        matchers.map { "\($0.label)=\($0.value.utf8.count):\($0.value)" }.joined(separator: ";")
    }
}
