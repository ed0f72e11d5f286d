import Foundation

/// The postmortem draft an incident's timeline writes by itself: what
/// happened when, who took part, how long each phase took, what was done and
/// what is still open, and headed empty sections for what only people can
/// write. `warroom export` prints it as Markdown or JSON (schema in
/// docs/postmortem.md).
public struct Postmortem: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public struct Change: Codable, Sendable, Equatable {
        public var at: Date
        public var author: String
        public var from: String?
        public var to: String
    }

    public var schemaVersion = Postmortem.schemaVersion
    public var incident: Incident
    public var metrics: IncidentMetrics
    public var severityHistory: [Change]
    public var statusHistory: [Change]
    /// Everyone who wrote on the incident's timeline (people, not sources), by first appearance.
    public var participants: [String]
    public var timeline: [TimelineEvent]
    public var openTasks: [IncidentTask]
    public var doneTasks: [IncidentTask]
    /// The alerts linked to the incident (by hand or by its service), earliest start first.
    public var linkedAlerts: [Alert] = []

    public static func build(store: WarRoomStore, incidentID: Int64) throws -> Postmortem {
        guard let incident = try store.incident(incidentID) else { throw WarRoomError.incidentNotFound(incidentID) }
        // The incident's own events, plus the firing and resolving of the
        // alerts linked to it (recorded before anyone linked them).
        let linkedAlerts = try store.linkedAlerts(incidentID: incidentID)
        let linked = Set(linkedAlerts.map(\.fingerprint))
        let alertEvents = linked.isEmpty ? [] : try store.timeline(kinds: [.alertFired, .alertResolved]).filter {
            $0.incidentID != incidentID && linked.contains($0.details?["fingerprint"] ?? "")
        }
        let events = (try store.timeline(incidentID: incidentID) + alertEvents).sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        let tasks = try store.tasks(incidentID: incidentID)
        var severity = [Change(at: incident.declaredAt, author: incident.declaredBy, from: nil,
                               to: events.first { $0.kind == .declared }?.details?["severity"] ?? incident.severity.description)]
        var status = [Change(at: incident.declaredAt, author: incident.declaredBy, from: nil, to: IncidentStatus.investigating.rawValue)]
        for e in events {
            switch e.kind {
            case .severityChanged:
                severity.append(Change(at: e.at, author: e.author, from: e.details?["from"], to: e.details?["to"] ?? "?"))
            case .statusChanged, .resolved, .reopened:
                status.append(Change(at: e.at, author: e.author, from: e.details?["from"], to: e.details?["to"] ?? "?"))
            default:
                break
            }
        }
        let machineKinds: Set<EventKind> = [.alertFired, .alertResolved, .checkChanged]
        var participants: [String] = []
        for e in events where !machineKinds.contains(e.kind) && !participants.contains(e.author) {
            participants.append(e.author)
        }
        for role in IncidentRole.allCases {
            if let who = incident.holder(of: role), !participants.contains(who) { participants.append(who) }
        }
        return Postmortem(incident: incident, metrics: IncidentMetrics(incident: incident, events: events),
                          severityHistory: severity, statusHistory: status, participants: participants,
                          timeline: events, openTasks: tasks.filter { !$0.isDone }, doneTasks: tasks.filter(\.isDone),
                          linkedAlerts: linkedAlerts)
    }
}
