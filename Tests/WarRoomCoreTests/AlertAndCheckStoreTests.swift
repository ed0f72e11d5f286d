import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Alerts and checks in the store")
struct AlertAndCheckStoreTests {
    func observation(_ name: String, _ state: AlertState = .firing, severity: String = "critical") -> AlertObservation {
        AlertObservation(source: "alertmanager", name: name, severity: severity, state: state,
                         summary: "\(name) is bad", labels: ["alertname": name, "job": "api"],
                         startsAt: Date(timeIntervalSince1970: 1_795_934_000))
    }

    @Test("dedup by fingerprint: repeats refresh, resolve and re-fire leave one event each", arguments: TestBackend.allCases)
    func dedup(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        #expect(try store.recordAlerts([observation("HighErrorRate")]).fired == 1)
        #expect(try store.recordAlerts([observation("HighErrorRate")]).refreshed == 1)
        #expect(try store.alerts().count == 1)
        #expect(try store.recordAlerts([observation("HighErrorRate", .resolved)]).resolved == 1)
        #expect(try store.alerts().isEmpty)
        #expect(try store.alerts(includeResolved: true).count == 1)
        #expect(try store.recordAlerts([observation("HighErrorRate")]).fired == 1)
        let kinds = try store.timeline().map(\.kind)
        #expect(kinds == [.alertFired, .alertResolved, .alertFired])
        #expect(try store.timeline().allSatisfy { $0.author == "alertmanager" })
    }

    /// A storm in one poll: rows are read 500 at a time and repeats are
    /// refreshed in one statement, so the batch must still behave as if
    /// each alert were recorded alone.
    @Test("a storm of 1,200 alerts, repeats, changes and duplicates within one batch", arguments: TestBackend.allCases)
    func storm(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let storm = (0..<1_200).map { observation("Node\($0)Down", severity: $0 % 3 == 0 ? "critical" : "warning") }
        let first = try store.recordAlerts(storm + [storm[7], storm[1_100]])
        #expect(first.fired == 1_200 && first.refreshed == 2, "a duplicate within the batch is a repeat")
        #expect(try store.alerts().count == 1_200)

        clock.advance(30)
        var next = storm
        next[5].summary = "Node5Down is worse"
        next[6].state = .resolved
        next[6].endsAt = clock.now
        let second = try store.recordAlerts(next + [next[6]])
        #expect(second.refreshed == 1_199 + 1 && second.resolved == 1 && second.fired == 0, "\(second)")
        let alerts = try store.alerts(includeResolved: true)
        let byName = Dictionary(uniqueKeysWithValues: alerts.map { ($0.name, $0) })
        #expect(byName["Node5Down"]?.summary == "Node5Down is worse")
        #expect(byName["Node6Down"]?.state == .resolved)
        #expect(alerts.allSatisfy { $0.lastSeenAt.millis == clock.now.millis }, "every alert seen again is refreshed")
        #expect(try store.timeline(kinds: [.alertFired]).count == 1_200)
        #expect(try store.timeline(kinds: [.alertResolved]).map(\.body) == ["Node6Down: Node6Down is bad"])
    }

    @Test("a snapshot resolves what is missing from it", arguments: TestBackend.allCases)
    func snapshot(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        try store.recordAlerts([observation("A"), observation("B")], snapshotOf: "alertmanager")
        let changes = try store.recordAlerts([observation("B")], snapshotOf: "alertmanager")
        #expect(changes.resolved == 1 && changes.refreshed == 1)
        #expect(try store.alerts().map(\.name) == ["B"])
    }

    @Test("firing first, worst severity first; ack links to the incident and counts once", arguments: TestBackend.allCases)
    func ackAndOrder(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        try store.recordAlerts([observation("Disk", severity: "warning"), observation("Down", severity: "critical")])
        #expect(try store.alerts().map(\.name) == ["Down", "Disk"])
        let id = try store.declare(title: "x", severity: .sev2).id
        let alert = try store.findAlert("Down")
        let acked = try store.ackAlert(id: alert.id, incidentID: id)
        #expect(acked.ackedBy == "alice" && acked.incidentID == id)
        #expect(throws: WarRoomError.invalid("alert #\(alert.id) is already acknowledged by alice")) { try store.ackAlert(id: alert.id) }
        // The alert started before the declaration: detection moves back to it.
        #expect(try store.incident(id)?.detectedAt == Date(timeIntervalSince1970: 1_795_934_000))
        #expect(throws: WarRoomError.self) { try store.findAlert("nothing-like-this") }
    }

    @Test("checks: latest state per name, a change is an event", arguments: TestBackend.allCases)
    func checks(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let store = try db.store()
        let t = Date(timeIntervalSince1970: 1_795_934_000)
        try store.recordChecks([CheckResult(name: "disk /", source: "nagios", state: .ok, output: "DISK OK", checkedAt: t)])
        try store.recordChecks([CheckResult(name: "disk /", source: "nagios", state: .ok, output: "DISK OK", checkedAt: t.addingTimeInterval(60))])
        #expect(try store.timeline().isEmpty)
        try store.recordChecks([CheckResult(name: "disk /", source: "nagios", state: .critical, output: "DISK CRITICAL - 2% free\nmore", checkedAt: t.addingTimeInterval(120))])
        try store.recordChecks([CheckResult(name: "load", source: "nagios", state: .warning, output: "LOAD WARNING", checkedAt: t)])
        let checks = try store.checks()
        #expect(checks.map(\.name) == ["disk /", "load"])
        #expect(checks[0].changedAt == t.addingTimeInterval(120))
        #expect(try store.timeline().map(\.body) == ["disk / OK → CRITICAL: DISK CRITICAL - 2% free", "load WARNING: LOAD WARNING"])
    }

    @Test("the report's inputs read labels and details as JSON on either backend", arguments: TestBackend.allCases)
    func reportInputsReadJSON(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let id = try store.declare(title: "x", severity: .sev2).id
        try store.recordAlerts([AlertObservation(fingerprint: "f1", source: "am", name: "Down", severity: "critical", state: .firing,
                                                 summary: "s", labels: ["service": "checkout"], startsAt: clock.now)])
        let alert = try store.findAlert("f1")
        try store.ackAlert(id: alert.id, incidentID: id)
        let inputs = try store.reportInputs(since: clock.now.addingTimeInterval(-60))
        #expect(inputs.incidentServices[id] == ["checkout"])
        #expect(inputs.alerts.map { "\($0.name) \($0.service ?? "-") \($0.fired) \($0.acked)" } == ["Down checkout 1 1"])
    }
}
