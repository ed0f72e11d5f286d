import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

/// Alerts linked to incidents: by hand (`/link`, `/unlink`) and by the
/// incident's service, on both backends.
@Suite("Alerts linked to incidents")
struct AlertLinkTests {
    static func firing(_ fingerprint: String, _ labels: [String: String], startsAt: Date, name: String = "HighErrorRate") -> AlertObservation {
        AlertObservation(fingerprint: fingerprint, source: "alertmanager", name: name, severity: "critical", state: .firing,
                         summary: "5xx", labels: labels.merging(["alertname": name]) { a, _ in a }, startsAt: startsAt)
    }

    @Test("declaring with a service links the firing alerts whose service or job names it, and moves detection back",
          arguments: TestBackend.allCases)
    func declareLinks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        try store.recordAlerts([
            Self.firing("a", ["service": "api"], startsAt: clock.now.addingTimeInterval(-600)),
            Self.firing("b", ["job": "api"], startsAt: clock.now.addingTimeInterval(-120)),
            Self.firing("c", ["service": "web"], startsAt: clock.now.addingTimeInterval(-900)),
        ])
        let incident = try store.declare(title: "api 5xx", severity: .sev2, service: "api")
        #expect(try store.linkedAlerts(incidentID: incident.id).map(\.fingerprint) == ["a", "b"])
        #expect(try store.incident(incident.id)?.detectedAt == clock.now.addingTimeInterval(-600))
        #expect(try store.incident(incident.id)?.service == "api")
        #expect(try store.linkedFiringCounts() == [incident.id: 2])
        let linked = try store.timeline(incidentID: incident.id).filter { $0.kind == .alertLinked }
        #expect(linked.count == 1 && linked[0].body.contains("linked 2 firing alerts") && linked[0].details?["service"] == "api")
    }

    @Test("link all (a group): one transaction and one event; alerts moved from another incident give it its detection back",
          arguments: TestBackend.allCases)
    func linkAll(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        try store.recordAlerts((1...6).map { Self.firing("h\($0)", ["instance": "db-\($0)"], startsAt: clock.now.addingTimeInterval(-Double(100 * $0)), name: "HostDown") })
        let ids = try store.alerts().map(\.id)
        let first = try store.declare(title: "db-6 down", severity: .sev3)
        try store.linkAlert(id: try #require(try store.alerts().first { $0.fingerprint == "h6" }).id, incidentID: first.id)
        #expect(try store.incident(first.id)?.detectedAt == clock.now.addingTimeInterval(-600))
        let storm = try store.declare(title: "db fleet down", severity: .sev1)
        try store.linkAlert(id: try #require(try store.alerts().first { $0.fingerprint == "h1" }).id, incidentID: storm.id)

        let outcome = try store.linkAlerts(ids: ids, incidentID: storm.id, group: "HostDown")
        #expect(outcome.changed == 5 && outcome.skipped == 1)
        #expect(Set(try store.linkedAlerts(incidentID: storm.id).map(\.fingerprint)) == Set((1...6).map { "h\($0)" }))
        #expect(try store.incident(storm.id)?.detectedAt == clock.now.addingTimeInterval(-600), "the earliest start")
        #expect(try store.incident(first.id)?.detectedAt == first.declaredAt, "h6 left: back to the declaration")
        let events = try store.timeline(incidentID: storm.id, kinds: [.alertLinked]).map(\.body)
        #expect(events.last == "linked 5 alerts of HostDown (1 already were)" && events.count == 2)
        let again = try store.linkAlerts(ids: ids, incidentID: storm.id, group: "HostDown")
        #expect(again.changed == 0 && again.skipped == 6)
        #expect(try store.timeline(incidentID: storm.id, kinds: [.alertLinked]).count == 2, "nothing linked, nothing written")
        #expect(throws: WarRoomError.incidentNotFound(99)) { try store.linkAlerts(ids: ids, incidentID: 99, group: "HostDown") }
    }

    @Test("an alert that fires later links itself to the open incident of its service, on its timeline",
          arguments: TestBackend.allCases)
    func firingLinks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        let incident = try store.declare(title: "api 5xx", severity: .sev2, service: "api")
        clock.advance(60)
        try store.recordAlerts([Self.firing("late", ["job": "api"], startsAt: clock.now),
                                Self.firing("other", ["job": "web"], startsAt: clock.now)])
        #expect(try store.findAlert("late").incidentID == incident.id)
        #expect(try store.findAlert("other").incidentID == nil)
        let kinds = try store.timeline(incidentID: incident.id).map(\.kind)
        #expect(kinds == [.declared, .alertLinked, .alertFired])
        // Resolved incidents take no more alerts.
        try store.resolve(incidentID: incident.id)
        try store.recordAlerts([Self.firing("after", ["job": "api"], startsAt: clock.now)])
        #expect(try store.findAlert("after").incidentID == nil)
    }

    @Test("/unlink keeps an alert out of the incident for good: not when it fires again, not when the service is set again",
          arguments: TestBackend.allCases)
    func noRelinkAfterUnlink(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        let start = clock.now.addingTimeInterval(-300)
        try store.recordAlerts([Self.firing("a", ["service": "api"], startsAt: start)])
        let incident = try store.declare(title: "api 5xx", severity: .sev2, service: "api")
        let alert = try store.findAlert("a")
        #expect(alert.incidentID == incident.id)
        let room = ChatCommandRunner(store: store)
        #expect(try room.run("/unlink", context: ChatContext(incidentID: incident.id, selectedAlertID: alert.id))
                == "unlinked alert #\(alert.id) from #\(incident.id)")
        #expect(try store.alert(alert.id).incidentID == nil)
        // Detection goes back to the declaration: no alert is linked any more.
        #expect(try store.incident(incident.id)?.detectedAt == incident.declaredAt)
        // It resolves and fires again; the service is cleared and set again.
        try store.recordAlerts([AlertObservation(fingerprint: "a", source: "alertmanager", name: "HighErrorRate", severity: "critical",
                                                 state: .resolved, summary: "5xx", labels: ["service": "api"], startsAt: start, endsAt: clock.now)])
        try store.recordAlerts([Self.firing("a", ["service": "api"], startsAt: clock.now)])
        try store.setService(incidentID: incident.id, service: nil)
        try store.setService(incidentID: incident.id, service: "api")
        #expect(try store.alert(alert.id).incidentID == nil)
        // A second incident for the same service may still take it.
        let second = try store.declare(title: "api again", severity: .sev3, service: "api")
        #expect(try store.alert(alert.id).incidentID == second.id)
        // And linking it back by hand is always allowed.
        #expect(try room.run("/link \(alert.id) \(incident.id)", context: ChatContext()) == "linked alert #\(alert.id) to #\(incident.id)")
        #expect(try store.alert(alert.id).incidentID == incident.id)
    }

    @Test("/link and /unlink write their events on the incident's timeline; refusals write nothing",
          arguments: TestBackend.allCases)
    func manualLinks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        let incident = try store.declare(title: "db down", severity: .sev1)
        try store.recordAlerts([Self.firing("disk", ["instance": "db-1:9100"], startsAt: clock.now.addingTimeInterval(-1200), name: "DiskFull")])
        let alert = try store.findAlert("disk")
        let room = ChatCommandRunner(store: store)
        let context = ChatContext(incidentID: incident.id, selectedAlertID: alert.id)
        #expect(throws: WarRoomError.self) { try room.run("/link", context: ChatContext(incidentID: incident.id)) }
        #expect(throws: WarRoomError.self) { try room.run("/unlink", context: context) }
        #expect(throws: WarRoomError.self) { try room.run("/link \(alert.id) 999", context: ChatContext()) }
        #expect(try room.run("/link", context: context) == "linked alert #\(alert.id) to #\(incident.id)")
        #expect(throws: WarRoomError.self) { try room.run("/link", context: context) }
        #expect(try store.incident(incident.id)?.detectedAt == clock.now.addingTimeInterval(-1200))
        #expect(try store.linkedFiringCounts() == [incident.id: 1])
        #expect(try room.run("/unlink disk", context: ChatContext()) == "unlinked alert #\(alert.id) from #\(incident.id)")
        let events = try store.timeline(incidentID: incident.id).filter { [.alertLinked, .alertUnlinked].contains($0.kind) }
        #expect(events.map(\.kind) == [.alertLinked, .alertUnlinked])
        #expect(events.allSatisfy { $0.body.contains("#\(alert.id) DiskFull") && $0.author == "alice" })
        #expect(try store.linkedFiringCounts().isEmpty)
    }

    @Test("the postmortem lists the linked alerts, the link events, and measures detection from the earliest one",
          arguments: TestBackend.allCases)
    func postmortem(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_946_400))  // 10:00 UTC
        let store = try db.store(clock: clock)
        try store.recordAlerts([Self.firing("a", ["service": "api"], startsAt: clock.now.addingTimeInterval(-900)),
                                Self.firing("b", ["instance": "db-1"], startsAt: clock.now.addingTimeInterval(-300), name: "DiskFull")])
        let incident = try store.declare(title: "api 5xx", severity: .sev2, service: "api")
        clock.advance(60)
        try store.linkAlert(id: try store.findAlert("b").id, incidentID: incident.id)
        let p = try Postmortem.build(store: store, incidentID: incident.id)
        #expect(p.linkedAlerts.map(\.fingerprint) == ["a", "b"])
        #expect(p.metrics.timeToDetect == 900)
        let md = PostmortemMarkdown.render(p, timeZone: TimeZone(identifier: "UTC")!)
        #expect(md.contains("## Linked alerts"))
        #expect(md.contains("| 2026-11-29 09:45:00 | #\(p.linkedAlerts[0].id) HighErrorRate | critical | firing | 5xx |"))
        #expect(md.contains("| Service | api |"))
        #expect(md.contains("| linked | linked 1 firing alert whose service or job is api |"))
        #expect(md.contains("| linked | linked alert #\(p.linkedAlerts[1].id) DiskFull: 5xx |"))
        let json = String(decoding: try JSONEncoder().encode(p), as: UTF8.self)
        #expect(json.contains("\"linkedAlerts\""))
    }

    @Test("the link labels are a setting: another rule links by other labels; a bad one is refused",
          arguments: TestBackend.allCases)
    func configurableRule(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        #expect(try store.linkRule().labels == ["service", "job"])
        #expect(throws: WarRoomError.self) { try store.setLinkRule(AlertLinkRule(labels: ["1bad"])) }
        try store.setLinkRule(try AlertLinkRule.parse(["app,team"]))
        #expect(try store.linkRule().labels == ["app", "team"])
        try store.recordAlerts([Self.firing("s", ["service": "api"], startsAt: Date()), Self.firing("t", ["app": "api"], startsAt: Date())])
        let incident = try store.declare(title: "api", severity: .sev3, service: "api")
        #expect(try store.linkedAlerts(incidentID: incident.id).map(\.fingerprint) == ["t"])
    }

    @Test("/declare takes --service; /link and /unlink parse their arguments and refuse others")
    func parsing() throws {
        #expect(try SlashCommand.parse("/declare Checkout down sev1 --service api")
                == .declare(title: "Checkout down", severity: .sev1, service: "api"))
        #expect(try SlashCommand.parse("/declare Checkout --service api down")
                == .declare(title: "Checkout down", severity: .sev3, service: "api"))
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/declare Checkout --service") }
        #expect(try SlashCommand.parse("/link") == .link(alert: nil, incidentID: nil))
        #expect(try SlashCommand.parse("/link 9f2c #3") == .link(alert: "9f2c", incidentID: 3))
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/link a b") }
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/link a 1 2") }
        #expect(try SlashCommand.parse("/unlink 12") == .unlink(alert: "12"))
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/unlink 1 2") }
    }
}
