import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("Postmortem export and the executive brief")
struct PostmortemTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A scripted incident with controlled timestamps: an alert fires at
    /// 09:55, alice declares (and so commands) at 10:00, acks the alert at
    /// 10:04, a log line is pinned, identified 10:20, mitigated 10:40,
    /// resolved 11:10, reopened 11:30 and resolved again 11:45.
    func scripted(_ backend: TestBackend) throws -> (TempDatabase, WarRoomStore, Int64) {
        let db = try TempDatabase(backend)
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_946_400))  // 2026-11-29 10:00 UTC
        let alice = try db.store(author: "alice", clock: clock)
        let bob = try db.store(author: "bob", clock: clock)
        try alice.recordAlerts([AlertObservation(fingerprint: "9f2c1e", source: "alertmanager", name: "CheckoutHighErrorRate",
                                                 severity: "critical", state: .firing, summary: "5xx ratio 12%",
                                                 labels: ["alertname": "CheckoutHighErrorRate", "job": "api"],
                                                 startsAt: clock.now.addingTimeInterval(-300))])
        let id = try alice.declare(title: "Checkout API returning 5xx", severity: .sev3, impact: "Card payments fail for EU customers").id
        clock.advance(120)
        try bob.assign(incidentID: id, role: .scribe, user: "bob")
        try bob.post(.chat, text: "pgbouncer pool is full on db-1", incidentID: id)
        clock.advance(120)
        try alice.ackAlert(id: try alice.findAlert("9f2c1e").id, incidentID: id)
        let line = try alice.ingest([LogRecord(source: "postgres", at: clock.now, level: .critical, text: "FATAL: sorry, too many clients already")])
        try bob.pinLogLine(line, incidentID: id)
        try alice.update(incidentID: id, severity: .sev2, message: "Card payments fail in the EU. We are investigating.")
        clock.advance(960)
        try alice.update(incidentID: id, status: .identified)
        try bob.addTask(incidentID: id, text: "Pause the orders-reconcile job")
        let later = try bob.addTask(incidentID: id, text: "Add a pool saturation alert")
        clock.advance(1200)
        try bob.completeTask(try bob.tasks(incidentID: id)[0].id)
        try alice.update(incidentID: id, status: .monitoring, message: "Reconcile job paused; payments recovering.")
        clock.advance(1800)
        try alice.resolve(incidentID: id, message: "Error rate normal for 30 minutes.")
        clock.advance(1200)
        try alice.update(incidentID: id, status: .investigating, message: "Errors are back.")
        clock.advance(900)
        try alice.resolve(incidentID: id, message: "Stable again.")
        _ = later
        return (db, alice, id)
    }

    @Test("metrics from the first alert (09:55): detect 5m, acknowledge 5m (the declarer commands), mitigate 45m, resolve 110m, reopened once", arguments: TestBackend.allCases)
    func metrics(_ backend: TestBackend) throws {
        let (db, store, id) = try scripted(backend)
        defer { withExtendedLifetime(db) {} }  // the file must outlive the store
        let p = try Postmortem.build(store: store, incidentID: id)
        let m = p.metrics
        #expect([m.timeToDetect, m.timeToAcknowledge, m.timeToMitigate, m.timeToResolve] == [300, 300, 2700, 6600])
        #expect(m.reopened == 1)
        #expect(p.participants == ["alice", "bob"])
        #expect(p.severityHistory.map(\.to) == ["SEV3", "SEV2"])
        #expect(p.statusHistory.map(\.to) == ["investigating", "identified", "monitoring", "resolved", "investigating", "resolved"])
        #expect(p.openTasks.map(\.text) == ["Add a pool saturation alert"])
        #expect(p.doneTasks.map(\.text) == ["Pause the orders-reconcile job"])
        #expect(p.timeline.contains { $0.kind == .logPinned && $0.body == "FATAL: sorry, too many clients already" })
        // The alert fired before it was linked; it still opens the timeline.
        #expect(p.timeline.first?.kind == .alertFired)
        #expect(p.timeline.first?.author == "alertmanager")
    }

    @Test("a moment that never came is absent, not zero", arguments: TestBackend.allCases)
    func missingMoments(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend)
        let clock = TestClock()
        let store = try db.store(clock: clock)
        let id = try store.declare(title: "Slow search", severity: .sev4).id
        clock.advance(600)
        let p = try Postmortem.build(store: store, incidentID: id)
        #expect(p.metrics.timeToMitigate == nil)
        #expect(p.metrics.timeToResolve == nil)
        #expect(p.metrics.timeToDetect == 0)
        #expect(PostmortemMarkdown.render(p, timeZone: Self.utc).contains("| Time to mitigate (→ monitoring) | never mitigated |"))
    }

    @Test("Markdown and JSON drafts equal the reviewed files", arguments: TestBackend.allCases)
    func documents(_ backend: TestBackend) throws {
        let (db, store, id) = try scripted(backend)
        defer { withExtendedLifetime(db) {} }  // the file must outlive the store
        let p = try Postmortem.build(store: store, incidentID: id)
        let markdown = PostmortemMarkdown.render(p, timeZone: Self.utc)
        for heading in ["## Impact", "## Metrics", "## Timeline", "## Tasks", "## Root cause", "## Contributing factors", "## Action items"] {
            #expect(markdown.contains(heading))
        }
        try expect(markdown + "\n", matches: "postmortem.md")
        try expect(try WarRoomJSON.string(p) + "\n", matches: "postmortem.json")
    }

    @Test("the brief: plain words, at most 120, no fingerprints or labels", arguments: TestBackend.allCases)
    func brief(_ backend: TestBackend) throws {
        let (db, store, id) = try scripted(backend)
        defer { withExtendedLifetime(db) {} }  // the file must outlive the store
        try store.update(incidentID: id, status: .monitoring, message: "Payments work again; we are watching.")
        let incident = try #require(try store.incident(id))
        let text = ExecutiveBrief.write(incident: incident, latestUpdate: "Payments work again; we are watching.",
                                        now: Date(timeIntervalSince1970: 1_795_946_400 + 7200), timeZone: Self.utc)
        #expect(text.split(separator: " ").count <= ExecutiveBrief.maxWords)
        #expect(text.contains("Checkout API returning 5xx."))
        #expect(text.contains("Impact: Card payments fail for EU customers."))
        #expect(text.contains("A fix is in place"))
        #expect(text.contains("Next update by"))
        for jargon in ["9f2c1e", "alertname", "job=", "fingerprint", "{"] { #expect(!text.contains(jargon)) }
        let long = ExecutiveBrief.limit(String(repeating: "word ", count: 300), words: 120)
        #expect(long.split(separator: " ").count == 121 && long.hasSuffix("…"))
    }
}
