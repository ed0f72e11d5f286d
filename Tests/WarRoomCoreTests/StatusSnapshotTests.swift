import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

@Suite("The status snapshot for leads")
struct StatusSnapshotTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A fixed war room: two open incidents (one overdue), one resolved
    /// yesterday, checks, alerts, and hostile text.
    func fixture(_ backend: TestBackend) throws -> (TempDatabase, StatusSnapshot) {
        let db = try TempDatabase(backend)
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_867_200))  // 2026-11-28 12:00 UTC
        let store = try db.store(clock: clock)
        let old = try store.declare(title: "Search latency", severity: .sev3, commander: "carol").id
        clock.advance(3600)
        try store.resolve(incidentID: old, message: "index rebuilt")
        clock.advance(20 * 3600)  // 2026-11-29 09:00
        let big = try store.declare(title: "Checkout 5xx \u{1B}[2J", severity: .sev1, commander: "alice").id
        clock.advance(600)
        try store.update(incidentID: big, status: .identified, message: "Card payments fail in the EU;\nrollback under way.")
        clock.advance(300)
        try store.declare(title: "Disk filling on db-2", severity: .sev4, commander: "bob")
        try store.recordChecks([
            CheckResult(name: "http api-1", source: "nagios", state: .critical, output: "HTTP CRITICAL - 503\nmore", checkedAt: clock.now),
            CheckResult(name: "load lb-1", source: "nagios", state: .ok, output: "OK", checkedAt: clock.now),
        ])
        try store.recordAlerts([AlertObservation(fingerprint: "f1", source: "alertmanager", name: "CheckoutHighErrorRate",
                                                 severity: "critical", state: .firing, summary: "5xx ratio 12%",
                                                 labels: ["job": "api"], startsAt: clock.now.addingTimeInterval(-1200))])
        #expect(try store.acquireCollectorLease(holder: "collect", ttl: 3600))
        func run(_ name: String, _ error: String?) -> WarRoomStore.CollectorRun {
            .init(name: name, kind: name == "prod-am" ? "alertmanager" : "nagios", interval: name == "prod-am" ? 300 : 60, startedAt: clock.now, error: error, nextRunAt: nil)
        }
        try store.recordCollection(Observations(), run: run("prod-am", nil), holder: "collect")
        try store.recordCollection(Observations(), run: run("disk-db-2", nil), holder: "collect")
        clock.advance(30 * 60)
        try store.recordCollection(Observations(), run: run("prod-am", nil), holder: "collect")
        try store.recordCollectorFailure(run: run("disk-db-2", "cannot run check_disk: No such file or directory \u{1B}]0;x\u{7}"), holder: "collect")
        try store.recordCollectorFailure(run: run("disk-db-2", "cannot run check_disk: No such file or directory \u{1B}]0;x\u{7}"), holder: "collect")
        let now = clock.now.addingTimeInterval(5 * 60)  // the SEV1 update is overdue by 10m
        return (db, try StatusSnapshot.build(store: store, now: now, timeZone: Self.utc))
    }

    @Test("the facts: open incidents worst first, overdue, health, alerts, 30 days", arguments: TestBackend.allCases)
    func facts(_ backend: TestBackend) throws {
        let (_, s) = try fixture(backend)
        #expect(s.incidents.map(\.severity) == [.sev1, .sev4])
        #expect(s.incidents[0].overdue && !s.incidents[1].overdue)
        #expect(s.incidents[0].latestUpdate?.text == "Card payments fail in the EU;\nrollback under way.")
        #expect(s.checkCounts == ["OK": 1, "WARNING": 0, "CRITICAL": 1, "UNKNOWN": 0])
        #expect(s.failingChecks.map(\.output) == ["HTTP CRITICAL - 503"])
        #expect(s.firingAlerts.map(\.name) == ["CheckoutHighErrorRate"])
        #expect(s.incidentsPerDay.count == 30)
        #expect(s.incidentsPerDay.suffix(2).map(\.incidents) == [1, 2])
        #expect(s.incidentsPerDay.last?.day == "2026-11-29")
        #expect(s.collectorCount == 2)
        #expect(s.troubledCollectors.map(\.name) == ["disk-db-2"])
        #expect(s.troubledCollectors.first?.failures == 2 && s.troubledCollectors.first?.stale == false)
    }

    @Test("--once as text fits 80 columns and matches the reviewed frame", arguments: TestBackend.allCases)
    func text(_ backend: TestBackend) throws {
        let (_, s) = try fixture(backend)
        let text = StatusText.text(s, timeZone: Self.utc)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        try expect(text + "\n", matches: "status.txt")
    }

    @Test("--once as Markdown and as JSON match the reviewed documents", arguments: TestBackend.allCases)
    func markdownAndJSON(_ backend: TestBackend) throws {
        let (_, s) = try fixture(backend)
        try expect(StatusText.markdown(s, timeZone: Self.utc) + "\n", matches: "status.md")
        let json = try WarRoomJSON.string(s)
        try expect(json + "\n", matches: "status.json")
        let back = try JSONDecoder.iso8601.decode(StatusSnapshot.self, from: Data(json.utf8))
        #expect(back.incidents.map(\.id) == s.incidents.map(\.id))
        #expect(back.schemaVersion == 1)
    }

    @Test("sparkline scales to the busiest day; empty days are dots")
    func sparkline() {
        #expect(StatusText.sparkline([0, 1, 2, 4, 8]) == "·▂▃▅█")
        #expect(StatusText.sparkline([0, 0]) == "··")
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = f.date(from: text) else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: text)) }
            return date
        }
        return d
    }
}
