import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Incident lifecycle in the store")
struct IncidentLifecycleTests {
    @Test("declare sets the moments, the declarer commands, the timeline says so", arguments: TestBackend.allCases)
    func declare(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let i = try store.declare(title: "  Checkout 5xx  ", severity: .sev2, impact: "EU card payments fail")
        #expect(i.title == "Checkout 5xx")
        #expect(i.status == .investigating)
        #expect(i.commander == "alice")
        #expect(i.declaredBy == "alice")
        #expect(i.declaredAt == clock.now && i.startedAt == clock.now && i.detectedAt == clock.now)
        #expect(i.acknowledgedAt == clock.now)
        #expect(i.mitigatedAt == nil && i.resolvedAt == nil)
        let events = try store.timeline(incidentID: i.id)
        #expect(events.map(\.kind) == [.declared])
        #expect(events[0].details == ["severity": "SEV2", "commander": "alice"])
    }

    @Test("status walk: identified, monitoring (mitigated), resolved, reopened", arguments: TestBackend.allCases)
    func statusWalk(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let start = clock.now
        let id = try store.declare(title: "API down", severity: .sev1, commander: "bob").id
        clock.advance(300)
        try store.update(incidentID: id, status: .identified)
        clock.advance(600)
        var i = try store.update(incidentID: id, status: .monitoring, message: "Rolled back to v41")
        #expect(i.mitigatedAt == start.addingTimeInterval(900))
        #expect(i.lastUpdateAt == start.addingTimeInterval(900))
        clock.advance(1200)
        i = try store.resolve(incidentID: id, message: "Error rate normal for 20 minutes")
        #expect(i.status == .resolved)
        #expect(i.resolvedAt == start.addingTimeInterval(2100))
        #expect(throws: WarRoomError.invalid("incident #\(id) is already resolved")) { try store.resolve(incidentID: id) }
        clock.advance(60)
        i = try store.update(incidentID: id, status: .investigating)
        #expect(i.status == .investigating && i.resolvedAt == nil)
        #expect(i.mitigatedAt == start.addingTimeInterval(900), "the first mitigation stays on record")
        let kinds = try store.timeline(incidentID: id).map(\.kind)
        #expect(kinds == [.declared, .statusChanged, .statusChanged, .statusUpdate, .resolved, .statusUpdate, .reopened])
    }

    @Test("severity change and role assignment leave typed events", arguments: TestBackend.allCases)
    func severityAndRoles(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let id = try store.declare(title: "Slow search", severity: .sev3).id
        try store.update(incidentID: id, severity: .sev2)
        try store.assign(incidentID: id, role: .scribe, user: "carol")
        try store.assign(incidentID: id, role: .commander, user: "dave")
        try store.assign(incidentID: id, role: .commander, user: "dave")  // no-op, no event
        let i = try #require(try store.incident(id))
        #expect(i.severity == .sev2 && i.scribe == "carol" && i.commander == "dave")
        let events = try store.timeline(incidentID: id)
        #expect(events.map(\.kind) == [.declared, .severityChanged, .roleAssigned, .roleAssigned])
        #expect(events[1].body == "SEV3 → SEV2")
        #expect(events[3].details == ["role": "commander", "user": "dave", "previous": "alice"])
    }

    @Test("impact and summary are set in the same transaction as the rest, each leaving a note", arguments: TestBackend.allCases)
    func impactAndSummary(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let id = try store.declare(title: "x", severity: .sev2).id
        let i = try store.update(incidentID: id, status: .identified, impact: "EU checkout fails", summary: "pgbouncer pool exhausted")
        #expect(i.impact == "EU checkout fails" && i.summary == "pgbouncer pool exhausted" && i.status == .identified)
        #expect(try store.timeline(incidentID: id).map(\.body).suffix(2) == ["impact: EU checkout fails", "summary: pgbouncer pool exhausted"])
        #expect(throws: WarRoomError.self) {
            try store.update(incidentID: id, status: .monitoring, summary: String(repeating: "x", count: 70_000))
        }
        #expect(try store.incident(id)?.status == .identified, "a refused update changes nothing")
    }

    @Test("an update with nothing in it, or about a missing incident, is refused", arguments: TestBackend.allCases)
    func refusedUpdates(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let id = try store.declare(title: "x", severity: .sev4).id
        #expect(throws: WarRoomError.self) { try store.update(incidentID: id) }
        #expect(throws: WarRoomError.incidentNotFound(77)) { try store.update(incidentID: 77, status: .identified) }
        #expect(throws: WarRoomError.incidentNotFound(77)) { try store.post(.chat, text: "hi", incidentID: 77) }
        #expect(try store.timeline().count == 1)
    }

    @Test("open incidents come worst first; resolved ones only with includeResolved", arguments: TestBackend.allCases)
    func ordering(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let a = try store.declare(title: "a", severity: .sev3).id
        let b = try store.declare(title: "b", severity: .sev1).id
        let c = try store.declare(title: "c", severity: .sev3).id
        try store.resolve(incidentID: b)
        #expect(try store.openIncidents().map(\.id) == [a, c])
        #expect(try store.incidents(includeResolved: true).map(\.id) == [a, c, b])
    }

    @Test("tasks: add, done once, listed in order", arguments: TestBackend.allCases)
    func tasks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let id = try store.declare(title: "x", severity: .sev2).id
        let t1 = try store.addTask(incidentID: id, text: "page the DBA")
        let t2 = try store.addTask(incidentID: id, text: "roll back")
        try store.completeTask(t2.id)
        #expect(throws: WarRoomError.invalid("task #\(t2.id) was already done by alice")) { try store.completeTask(t2.id) }
        let tasks = try store.tasks(incidentID: id)
        #expect(tasks.map(\.id) == [t1.id, t2.id])
        #expect(tasks.map(\.isDone) == [false, true])
        #expect(tasks[1].doneBy == "alice")
        #expect(try store.timeline(incidentID: id).map(\.kind) == [.declared, .taskAdded, .taskAdded, .taskDone])
    }

    @Test("update cadence: SEV1 every 15 minutes, SEV4 never, overdue counted from the last update", arguments: TestBackend.allCases)
    func cadence(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let id = try store.declare(title: "x", severity: .sev1).id
        var i = try #require(try store.incident(id))
        #expect(UpdateDue(incident: i, now: clock.now.addingTimeInterval(240)) == .dueIn(660))
        #expect(UpdateDue(incident: i, now: clock.now.addingTimeInterval(1080)) == .overdue(180))
        #expect(UpdateDue(incident: i, now: clock.now.addingTimeInterval(1080)).text == "OVERDUE 3m")
        clock.advance(600)
        i = try store.update(incidentID: id, message: "still digging")
        #expect(i.nextUpdateDue() == clock.now.addingTimeInterval(900))
        i = try store.update(incidentID: id, severity: .sev4)
        #expect(UpdateDue(incident: i) == .notExpected)
    }
}
