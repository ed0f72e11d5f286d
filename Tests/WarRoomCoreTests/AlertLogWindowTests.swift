import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

/// The log lines around an alert's start, from the sources its labels name.
@Suite("From an alert to its logs")
struct AlertLogWindowTests {
    static let start = Date(timeIntervalSince1970: 1_795_946_520)  // 2026-11-29 10:02 UTC

    /// Lines every 30 s from 10 min before the start to 10 min after, from
    /// api, db-1 and cache; one line exactly at the start from db-1.
    func seeded(_ backend: TestBackend, labels: [String: String]) throws -> (TempDatabase, WarRoomStore, Alert) {
        let db = try TempDatabase(backend)
        let store = try db.store()
        var records: [LogRecord] = []
        for step in -20...20 {
            for source in ["api", "db-1", "cache"] {
                records.append(LogRecord(source: source, at: Self.start.addingTimeInterval(Double(step) * 30 + 1), level: .info,
                                         text: "\(source) \(step)"))
            }
        }
        records.append(LogRecord(source: "db-1", at: Self.start, level: .error, text: "FATAL: too many clients"))
        try store.ingest(records.shuffled())
        try store.recordAlerts([AlertObservation(fingerprint: "f1", source: "alertmanager", name: "CheckoutHighErrorRate",
                                                 severity: "critical", state: .firing, summary: "5xx",
                                                 labels: labels, startsAt: Self.start)])
        return (db, store, try store.findAlert("f1"))
    }

    @Test("sources named by instance (port stripped) and service; ±5m by default; the line at the start marked",
          arguments: TestBackend.allCases)
    func matching(_ backend: TestBackend) throws {
        let (_, store, alert) = try seeded(backend, labels: ["instance": "db-1:9100", "service": "api", "alertname": "x"])
        let w = try AlertLogWindow.load(store: store, alert: alert)
        #expect(w.sources == ["db-1", "api"])
        #expect(w.note == nil)
        #expect(Set(w.lines.map(\.source)) == ["api", "db-1"])
        // -300 s … +300 s: steps -10 … 9 (step 10 is at +301 s), both sources, and the FATAL line.
        #expect(w.lines.count == 20 * 2 + 1)
        #expect(w.lines.first!.at >= w.from && w.lines.last!.at <= w.to)
        #expect(w.lines == w.lines.sorted { ($0.at, $0.id) < ($1.at, $1.id) })
        #expect(w.marked.map { w.lines[$0].text } == "FATAL: too many clients")
        #expect(w.title(timeZone: TimeZone(identifier: "UTC")!) == "around CheckoutHighErrorRate 10:02 ±5m · db-1, api")
    }

    @Test("the window's edges are inclusive, and + / - step its width", arguments: TestBackend.allCases)
    func edges(_ backend: TestBackend) throws {
        let (_, store, alert) = try seeded(backend, labels: ["host": "cache"])
        let narrow = try AlertLogWindow.load(store: store, alert: alert, halfWidth: 61)
        // Lines at -59 s, -29 s, +1 s, +31 s, +61 s (the edge, kept).
        #expect(narrow.lines.map(\.text) == ["cache -2", "cache -1", "cache 0", "cache 1", "cache 2"])
        #expect(narrow.marked.map { narrow.lines[$0].text } == "cache 0")
        let wider = try narrow.resized(wider: true, store: store, mapping: AlertLogSources())
        #expect(wider.halfWidth == 120 && wider.lines.count == 8)
        let narrower = try AlertLogWindow.load(store: store, alert: alert).resized(wider: false, store: store, mapping: AlertLogSources())
        #expect(narrower.halfWidth == 120)
        // The limit keeps the lines nearest the start, half on each side.
        let cut = try AlertLogWindow.load(store: store, alert: alert, halfWidth: 600, limit: 4)
        #expect(cut.lines.map(\.text) == ["cache -2", "cache -1", "cache 0", "cache 1"])
    }

    @Test("no matching source: says so and shows every source in the window", arguments: TestBackend.allCases)
    func noMatch(_ backend: TestBackend) throws {
        let (_, store, alert) = try seeded(backend, labels: ["instance": "web-9:9100"])
        let w = try AlertLogWindow.load(store: store, alert: alert)
        #expect(!w.matched && w.sources.isEmpty)
        #expect(w.note == "no log source named web-9:9100, web-9 logged in the window; showing every source")
        #expect(Set(w.lines.map(\.source)) == ["api", "db-1", "cache"])
        #expect(w.title(timeZone: TimeZone(identifier: "UTC")!).hasSuffix("· all sources"))
        let (_, bare, unlabelled) = try seeded(backend, labels: [:])
        #expect(try AlertLogWindow.load(store: bare, alert: unlabelled).note?.hasPrefix("the alert has none of the labels") == true)
    }

    @Test("the mapping reads other labels when configured, and strips ports only when they are numbers")
    func mapping() {
        let labels = ["instance": "db-1:9100", "pod": "api-7f9", "host": "[::1]:9100", "service": "a:b"]
        #expect(AlertLogSources().candidates(for: labels) == ["db-1:9100", "db-1", "[::1]:9100", "::1", "a:b"])
        #expect(AlertLogSources(labels: ["pod"]).matching(["api-7f9", "db-1"], alertLabels: labels) == ["api-7f9"])
        let config = WarRoomConfig.parse("log_sources_for_alerts: [pod, node]\n", file: "c")
        #expect(config.problems.isEmpty && config.logSourcesForAlerts.labels == ["pod", "node"])
        #expect(WarRoomConfig.parse("log_sources_for_alerts: [\"9x\"]\n", file: "c").problems.count == 1)
    }

    @Test("a storm's hundreds of source names are cut to five and a count in the note")
    func longNote() {
        #expect(AlertLogWindow.listed((1...300).map { "db-\($0)" }) == "db-1, db-2, db-3, db-4, db-5 and 295 more")
        #expect(AlertLogWindow.listed(["api", "db-1"]) == "api, db-1")
    }
}
