/// Which alerts belong to an incident by themselves: an alert links to the
/// open incident whose declared service equals the value of one of these
/// labels (default `service` or `job`, the labels Prometheus rules and
/// scrape configs usually name a service by). Kept in the database (the
/// setting `alerts.link_labels`, `warroom link-labels`), so the collector
/// on one bastion and a declaration on another apply the same rule.
public struct AlertLinkRule: Sendable, Equatable {
    public static let defaultLabels = ["service", "job"]
    public var labels: [String]

    public init(labels: [String] = AlertLinkRule.defaultLabels) { self.labels = labels }

    /// Whether an alert with these labels belongs to an incident about `service`.
    public func matches(_ alertLabels: [String: String], service: String) -> Bool {
        labels.contains { alertLabels[$0] == service }
    }

    /// A label list as typed (`service, job` or `service job`).
    public static func parse(_ words: [String]) throws -> AlertLinkRule {
        AlertLinkRule(labels: try LabelName.list(words))
    }
}

/// Prometheus's label name grammar: `[a-zA-Z_][a-zA-Z0-9_]*`.
public enum LabelName {
    /// Label names as typed (`service, job` or `service job`); refuses an
    /// empty list or a name that is not a label name.
    public static func list(_ words: [String]) throws -> [String] {
        let names = words.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
        guard !names.isEmpty else { throw WarRoomError.invalid("give at least one label name, like service job") }
        for name in names where !isValid(name) {
            throw WarRoomError.invalid("\"\(TextSanitizer.displayable(name))\" is not a label name (letters, digits and _, not starting with a digit)")
        }
        return names
    }

    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
