import Foundation

/// A label filter: Alertmanager matchers that must all hold, typed as
/// `amtool` and the Alertmanager UI take them
/// (`severity="critical",service=~"api|web",env!="dev"`). The grammar and
/// which of Alertmanager's two parsers it follows: `AlertMatchersParser`.
public struct AlertMatchers: Sendable, Equatable, CustomStringConvertible {
    public let matchers: [AlertMatcher]

    /// Parses a matcher list; the empty text (or `{}`) is a list that keeps
    /// every alert, as `amtool alert query` with no matcher does.
    public init(parsing text: String) throws(MatcherError) {
        var parser = AlertMatchersParser(text)
        matchers = try parser.parse()
    }

    public init(_ matchers: [AlertMatcher]) { self.matchers = matchers }

    public var isEmpty: Bool { matchers.isEmpty }

    /// `{name="value",…}`, as Alertmanager prints a matcher list.
    public var description: String { "{" + matchers.map(\.description).joined(separator: ",") + "}" }

    /// Whether a label set passes every matcher.
    public func matches(labels: [String: String]) -> Bool {
        matchers.allSatisfy { $0.matches(value: labels[$0.name] ?? "") }
    }

    public func matches(_ alert: Alert) -> Bool {
        matchers.allSatisfy { $0.matches(value: alert.matchableLabel($0.name) ?? "") }
    }

    /// The alerts that pass, in their order. A storm repeats a few label
    /// values thousands of times, so each regex's verdict is kept per value
    /// for the batch (as Alertmanager caches it per matcher): 20,000 alerts
    /// cost one regex run per distinct value, not per alert.
    public func filter(_ alerts: [Alert]) -> [Alert] {
        guard !matchers.isEmpty else { return alerts }
        var verdicts = [[String: Bool]](repeating: [:], count: matchers.count)
        return alerts.filter { alert in
            for (n, m) in matchers.enumerated() {
                let value = alert.matchableLabel(m.name) ?? ""
                let passes: Bool
                if m.op.isRegex {
                    if let known = verdicts[n][value] {
                        passes = known
                    } else {
                        passes = m.matches(value: value)
                        verdicts[n][value] = passes
                    }
                } else {
                    passes = m.matches(value: value)
                }
                if !passes { return false }
            }
            return true
        }
    }
}

extension Alert {
    /// A label as a filter sees it: the alert's own label as its source
    /// sent it, or, where the labels lack it, `alertname` from the alert's
    /// name and `severity` from its severity. The severity is filled only
    /// when the labels have neither `severity` nor `priority` and it is not
    /// the Alertmanager collector's `none` (its stand-in for no label): a
    /// Nagios CRITICAL answers to `severity="critical"`, while an
    /// Alertmanager alert is matched on exactly the labels Alertmanager
    /// matches it on. Looked up per name, not copied: a filter over 20,000
    /// alerts reads a label or two of each.
    public func matchableLabel(_ key: String) -> String? {
        if let value = labels[key] { return value }
        switch key {
        case "alertname": return name
        case "severity": return labels["priority"] == nil && severity != "none" ? severity : nil
        default: return nil
        }
    }
}
