import Foundation

/// Which labels make alerts one group in the alert pane (`alert_grouping:`
/// in the config; `[alertname]` by default, as Alertmanager's own
/// `group_by` usually starts). Alerts with the same values of these labels
/// are one row: a network partition that fires `HostDown` on 300 hosts is
/// one line to read, not 300.
public struct AlertGrouping: Sendable, Equatable {
    public var labels: [String]

    public static let standard = AlertGrouping(labels: ["alertname"])

    public init(labels: [String]) { self.labels = labels }

    /// The alert's value of a grouping label, as a filter reads it
    /// (`Alert.matchableLabel`): `alertname` and `severity` fall back to the
    /// alert's own name and severity where its source has no such labels (an
    /// exec or Nagios alert), but never where Alertmanager's labels say
    /// otherwise: a group's silence is made of these values, and a matcher
    /// `severity="P1"` taken from a `priority` label would mute nothing.
    /// Any other missing label is the empty value, as in Alertmanager, where
    /// the matcher `service=""` matches alerts without a service.
    public func value(of label: String, in alert: Alert) -> String {
        alert.matchableLabel(label) ?? ""
    }

    /// The grouping labels and the alert's values of them, in config order.
    public func matchers(for alert: Alert) -> [AlertGroup.Matcher] {
        labels.map { AlertGroup.Matcher(label: $0, value: value(of: $0, in: alert)) }
    }

    /// Groups firing alerts. The groups come worst first (the worst member's
    /// severity), then the largest, then by key so the order is stable; the
    /// members keep the order they came in (the store's feed order: worst,
    /// then newest). Done once per reload of the alerts, never per frame.
    public func groups(_ alerts: [Alert], now: Date = Date()) -> [AlertGroup] {
        var order: [String] = []
        var byKey: [String: (matchers: [AlertGroup.Matcher], members: [Alert])] = [:]
        for alert in alerts {
            let matchers = matchers(for: alert)
            let key = AlertGroup.key(matchers)
            if byKey[key] == nil { order.append(key); byKey[key] = (matchers, []) }
            byKey[key]!.members.append(alert)
        }
        return order.map { key in
            let g = byKey[key]!
            return AlertGroup(key: key, matchers: g.matchers, members: g.members, grouping: self, now: now)
        }.sorted { a, b in
            if a.worstRank != b.worstRank { return a.worstRank < b.worstRank }
            if a.count != b.count { return a.count > b.count }
            return a.key < b.key
        }
    }
}
