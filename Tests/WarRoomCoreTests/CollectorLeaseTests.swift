import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite struct CollectorLeaseTests {
    @Test(arguments: TestBackend.allCases) func oneHolderAtATimeUntilTheLeaseLapses(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        #expect(try store.acquireCollectorLease(holder: "a", ttl: 3))
        #expect(try !store.acquireCollectorLease(holder: "b", ttl: 3), "a holds it")
        clock.advance(2)
        #expect(try store.renewCollectorLease(holder: "a", ttl: 3))
        clock.advance(2.9)
        #expect(try !store.acquireCollectorLease(holder: "b", ttl: 3), "renewed 2.9 s ago, lasts 3 s")
        clock.advance(0.2)
        #expect(try store.acquireCollectorLease(holder: "b", ttl: 3), "lapsed: b takes over")
        #expect(try !store.renewCollectorLease(holder: "a", ttl: 3), "a finds out it lost it")
        let lease = try #require(try store.collectorLease())
        #expect(lease.holder == "b" && lease.expiresAt.millis == clock.now.addingTimeInterval(3).millis)
        try store.releaseCollectorLease(holder: "a")
        #expect(try store.collectorLease()?.holder == "b", "only the holder can release")
        try store.releaseCollectorLease(holder: "b")
        #expect(try store.collectorLease() == nil)
        #expect(try store.acquireCollectorLease(holder: "a", ttl: 3))
    }

    @Test(arguments: TestBackend.allCases) func aHolderThatLostTheLeaseWritesNothing(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        #expect(try store.acquireCollectorLease(holder: "a", ttl: 3))
        let run = WarRoomStore.CollectorRun(name: "x", kind: "exec", interval: 5, startedAt: clock.now, error: nil, nextRunAt: nil)
        let alert = AlertObservation(source: "x", name: "Down", severity: "critical", state: .firing, summary: "down",
                                     labels: ["alertname": "Down"], startsAt: clock.now)
        clock.advance(4)
        #expect(throws: WarRoomError.leaseLost(holder: "a", now: nil)) {
            try store.recordCollection(Observations(alerts: [alert]), run: run, holder: "a")
        }
        #expect(try store.acquireCollectorLease(holder: "b", ttl: 3))
        #expect(throws: WarRoomError.leaseLost(holder: "a", now: "b")) {
            try store.recordCollection(Observations(alerts: [alert]), run: run, holder: "a")
        }
        #expect(try store.alerts().isEmpty)
        #expect(try store.collectorHealth().isEmpty)
        try store.recordCollection(Observations(alerts: [alert]), run: run, holder: "b")
        #expect(try store.alerts().map(\.name) == ["Down"])
    }

    @Test(arguments: TestBackend.allCases) func healthCountsFailuresAndKeepsTheLastError(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 1000))
        func run(_ error: String?) -> WarRoomStore.CollectorRun {
            .init(name: "am", kind: "alertmanager", interval: 15, startedAt: clock.now, error: error, nextRunAt: clock.now.addingTimeInterval(15))
        }
        let ok = clock.now
        var h = try store.recordCollection(Observations(alertsAreComplete: true), run: run(nil), holder: "h")
        #expect(h.consecutiveFailures == 0 && h.runs == 1 && h.lastSuccessAt == ok && h.lastError == nil && h.lastSummary == "no alerts firing")
        clock.advance(15)
        _ = try store.recordCollectorFailure(run: run("cannot reach Alertmanager"), holder: "h")
        clock.advance(15)
        h = try store.recordCollectorFailure(run: run("cannot reach Alertmanager again"), holder: "h")
        #expect(h.consecutiveFailures == 2 && h.runs == 3 && h.isFailing)
        #expect(h.lastSuccessAt == ok && h.lastError == "cannot reach Alertmanager again" && h.lastErrorAt == clock.now)
        #expect(h.lastSummary == "no alerts firing", "a failed run keeps what the last good one saw")
        clock.advance(15)
        h = try store.recordCollection(Observations(problems: ["alerts[1]: labels is not an object of strings"]), run: run(nil), holder: "h")
        #expect(h.consecutiveFailures == 0 && h.lastSuccessAt == clock.now)
        #expect(h.lastError == "alerts[1]: labels is not an object of strings", "skipped input is shown, not counted as a failure")
        clock.advance(15)
        h = try store.recordCollection(Observations(), run: run(nil), holder: "h")
        #expect(h.lastError == nil)
        #expect(!h.isStale(at: clock.now.addingTimeInterval(59)) && h.isStale(at: clock.now.addingTimeInterval(61)))
    }

    @Test(arguments: TestBackend.allCases) func oneTransactionWritesAlertsChecksLogsAndEvents(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 1000))
        let id = try store.declare(title: "Checkout down", severity: .sev2).id
        var o = Observations()
        o.alerts = [AlertObservation(source: "mine", name: "Disk", severity: "warning", state: .firing, summary: "95%",
                                     labels: ["alertname": "Disk"], startsAt: clock.now)]
        o.checks = [CheckResult(name: "db", source: "mine", state: .critical, output: "down", checkedAt: clock.now)]
        o.logs = [LogRecord(source: "mine", at: clock.now, level: .error, text: "boom")]
        o.events = [CollectorEvent(body: "deploy v42 started", incidentID: id, at: clock.now)]
        let run = WarRoomStore.CollectorRun(name: "mine", kind: "exec", interval: 60, startedAt: clock.now, error: nil, nextRunAt: nil)
        let h = try store.recordCollection(o, run: run, holder: "h")
        #expect(h.lastSummary == "1 alert, 1 check, 1 log line, 1 event")
        #expect(try store.alerts().count == 1 && store.checks().count == 1 && store.logLineCount() == 1)
        let note = try #require(try store.timeline(incidentID: id, kinds: [.note]).last)
        #expect(note.body == "deploy v42 started" && note.author == "mine" && note.details?["collector"] == "mine")
        // A snapshot that no longer has the alert resolves it.
        _ = try store.recordCollection(Observations(alertsAreComplete: true), run: run, holder: "h")
        #expect(try store.alerts(includeResolved: true).first?.state == .resolved)
    }

    /// Most polls of a storm see the same alerts again: that must not make
    /// every open war room re-read and regroup them.
    @Test(arguments: TestBackend.allCases) func aPollThatChangedNoAlertLeavesTheAlertTopicsAlone(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 1000))
        let feed = try ChangeFeed(store: store)
        let run = WarRoomStore.CollectorRun(name: "am", kind: "alertmanager", interval: 10, startedAt: clock.now, error: nil, nextRunAt: nil)
        var alert = AlertObservation(source: "am", name: "HostDown", severity: "critical", state: .firing, summary: "db-1 down",
                                     labels: ["alertname": "HostDown"], startsAt: clock.now)
        var poll = Observations(alerts: [alert])
        poll.alertsAreComplete = true
        try store.recordCollection(poll, run: run, holder: "h")
        // PostgreSQL delivers a NOTIFY a moment after the commit: wait for
        // each write's news, or the next check would see this one's.
        #expect(feed.nextChange().isSuperset(of: [.alerts, .timeline]), "a new alert")
        clock.advance(10)
        try store.recordCollection(poll, run: run, holder: "h")
        // It bumps nothing: a settings write after it is the marker that
        // its news, had there been any, has arrived (PostgreSQL delivers in
        // commit order).
        try store.setLogRetention(5000)
        #expect(feed.nextChange() == [.settings], "the same alert seen again")
        alert.summary = "db-1 down for 10s"
        poll.alerts = [alert]
        try store.recordCollection(poll, run: run, holder: "h")
        #expect(feed.nextChange().contains(.alerts), "a changed summary")
        try store.recordCollection(Observations(alertsAreComplete: true), run: run, holder: "h")
        #expect(feed.nextChange().isSuperset(of: [.alerts, .timeline]), "resolved by absence")
    }
}
