import WarRoomModel

/// Which open incident an alert firing now belongs to by its service, for
/// one `recordAlerts` batch: the open incidents with a service are read
/// once per batch, and the rule only when there is one (most polls have
/// none, and pay one small query).
struct ServiceLinker {
    let incidents: [(id: Int64, service: String)]
    let rule: AlertLinkRule
    /// How many alerts of the batch linked themselves.
    var linked = 0

    init(_ incidents: [(id: Int64, service: String)], rule: () throws -> AlertLinkRule) rethrows {
        self.incidents = incidents
        self.rule = incidents.isEmpty ? AlertLinkRule() : try rule()
    }

    /// The worst (then oldest) open incident whose service the labels name.
    func incident(for labels: [String: String]) -> (id: Int64, service: String)? {
        incidents.first { rule.matches(labels, service: $0.service) }
    }
}
