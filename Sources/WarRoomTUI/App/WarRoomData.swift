import Foundation
import WarRoomCore

/// What the screen shows, as last read from the store. Each reload reads
/// only the topics that changed, and for append-only data only the rows
/// newer than the last one held.
public final class WarRoomData {
    public let store: WarRoomStore
    /// The open incidents, and after them the selected one if it has been
    /// resolved since it was chosen.
    public private(set) var incidents: [Incident] = []
    /// How many incidents are open (the resolved one held selected is not).
    public private(set) var openIncidentCount = 0
    /// The firing alerts that pass `alertFilter`, grouped by `grouping`'s
    /// labels, worst group first; grouped once per reload of the alerts,
    /// never per frame.
    public private(set) var alertGroups: [AlertGroup] = []
    /// Resolved alerts that linger, dimmed, under the groups (those that
    /// pass the filter).
    public private(set) var lingeringAlerts: [Alert] = []
    /// How many alerts fire in all, filter or not, counted once per reload.
    public private(set) var firingAlertCount = 0
    /// The alert pane's label filter (`f`); the groups hold only what passes.
    public private(set) var alertFilter: AlertMatchers?
    /// How many firing alerts pass the filter (all of them without one).
    public private(set) var matchingFiringCount = 0
    /// How many linked alerts still fire, per incident (the status board's ⚑).
    public private(set) var linkedFiring: [Int64: Int] = [:]
    /// Bumped by each reload of the alerts: the alert pane rebuilds its rows
    /// when it changes, and only then.
    public private(set) var alertsVersion = 0
    /// Which labels make alerts one group (`alert_grouping:` in the config).
    public let grouping: AlertGrouping
    public private(set) var checks: [ServiceCheck] = []
    public private(set) var logs: [LogLine] = []
    public private(set) var chat: [TimelineEvent] = []
    public private(set) var timeline: [TimelineEvent] = []
    public private(set) var tasks: [IncidentTask] = []
    /// How each collector is doing, whichever process runs it.
    public private(set) var collectors: [CollectorHealth] = []
    /// The stakeholder update cadence (a setting in the database).
    public private(set) var cadence = UpdateCadence.standard
    public private(set) var selectedIncidentID: Int64?
    /// How many log lines and chat lines are kept in memory for scrollback.
    public let logCapacity: Int
    public let chatCapacity = 2000
    /// At most this many resolved alerts linger under the groups.
    public let alertCapacity = 2000
    /// Resolved alerts stay this long, dimmed, before they leave the feed.
    public let resolvedAlertLinger: TimeInterval = 600

    public static let chatKinds: Set<EventKind> = [.chat, .note, .statusUpdate, .declared, .resolved, .reopened]

    public init(store: WarRoomStore, logCapacity: Int = 5000, grouping: AlertGrouping = .standard) {
        self.store = store
        self.logCapacity = logCapacity
        self.grouping = grouping
    }

    /// Reads everything once.
    public func loadAll() throws {
        try reload(Set(ChangeTopic.allCases))
    }

    /// Reloads what the topics cover; returns the panes' data that changed.
    @discardableResult
    public func reload(_ topics: Set<ChangeTopic>, now: Date = Date()) throws -> Set<ChangeTopic> {
        var changed: Set<ChangeTopic> = []
        if topics.contains(.incidents) {
            incidents = try store.openIncidents()
            openIncidentCount = incidents.count
            // A resolved incident stays selected (and listed, as resolved)
            // until the SRE moves: a line typed next never goes silently to
            // another incident.
            if let id = selectedIncidentID, !incidents.contains(where: { $0.id == id }), let held = try store.incident(id) {
                incidents.append(held)
            }
            if selectedIncidentID == nil || !incidents.contains(where: { $0.id == selectedIncidentID }) {
                let before = selectedIncidentID
                selectedIncidentID = incidents.first?.id
                if before != selectedIncidentID { try reloadTimeline(reset: true); changed.insert(.timeline) }
            }
            changed.insert(.incidents)
        }
        if topics.contains(.alerts) {
            try reloadAlerts(now: now)
            changed.insert(.alerts)
        }
        if topics.contains(.alerts) || topics.contains(.incidents) {
            linkedFiring = try store.linkedFiringCounts()
        }
        if topics.contains(.checks) {
            checks = try store.checks()
            changed.insert(.checks)
        }
        if topics.contains(.logs) {
            // The newest lines after the last one held (not the oldest: a
            // burst of commits between two reloads must not leave the tail
            // behind); more than the capacity replaces what was held.
            let fresh = try store.logTail(limit: logCapacity, afterID: logs.last?.id)
            logs.append(contentsOf: fresh)
            if logs.count > logCapacity { logs.removeFirst(logs.count - logCapacity) }
            changed.insert(.logs)
        }
        if topics.contains(.timeline) {
            let fresh = try store.timeline(afterID: chat.last?.id ?? 0, kinds: Self.chatKinds, limit: chatCapacity)
            if !fresh.isEmpty {
                chat.append(contentsOf: fresh)
                if chat.count > chatCapacity { chat.removeFirst(chat.count - chatCapacity) }
            }
            try reloadTimeline(reset: false)
            changed.insert(.timeline)
        }
        if topics.contains(.settings) {
            cadence = try store.updateCadence()
            changed.insert(.incidents)
        }
        if topics.contains(.collectors) {
            collectors = try store.collectorHealth()
            changed.insert(.collectors)
        }
        if topics.contains(.tasks) || topics.contains(.incidents) {
            tasks = try selectedIncidentID.map { try store.tasks(incidentID: $0) } ?? []
            changed.insert(.tasks)
        }
        return changed
    }

    /// Sets the alert pane's label filter (`f`), or clears it with `nil` or
    /// an empty list, and reads the alerts again at once.
    public func setAlertFilter(_ filter: AlertMatchers?, now: Date = Date()) throws {
        alertFilter = filter?.isEmpty == true ? nil : filter
        try reloadAlerts(now: now)
    }

    /// Every firing alert is read, so the groups count them all (a storm of
    /// 20,000 in 50 groups is 50 rows, each with its true count) and a
    /// filter sees every one, not the worst few thousand; the filter runs
    /// here, on reload and never per frame, and what passes is grouped.
    /// The pane draws only the rows it shows.
    private func reloadAlerts(now: Date) throws {
        let feed = try store.groupableFeed(resolvedSince: now.addingTimeInterval(-resolvedAlertLinger),
                                           resolvedLimit: alertCapacity)
        let firing = alertFilter?.filter(feed.firing) ?? feed.firing
        alertGroups = grouping.groups(firing, now: now)
        lingeringAlerts = alertFilter?.filter(feed.resolved) ?? feed.resolved
        firingAlertCount = feed.firing.count
        matchingFiringCount = firing.count
        alertsVersion &+= 1
    }

    public var selectedIncident: Incident? { incidents.first { $0.id == selectedIncidentID } }

    /// Chooses the incident the chat, timeline and slash commands are about.
    public func select(incidentID: Int64?) throws {
        guard incidentID != selectedIncidentID else { return }
        selectedIncidentID = incidentID
        // Moving away lets a resolved incident leave the list.
        incidents.removeAll { $0.status == .resolved && $0.id != incidentID }
        try reloadTimeline(reset: true)
        tasks = try incidentID.map { try store.tasks(incidentID: $0) } ?? []
    }

    private func reloadTimeline(reset: Bool) throws {
        guard let id = selectedIncidentID else { timeline = []; return }
        if reset { timeline = [] }
        timeline += try store.timeline(incidentID: id, afterID: timeline.last?.id ?? 0)
    }
}
