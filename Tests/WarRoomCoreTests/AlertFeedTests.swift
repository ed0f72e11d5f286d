import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

@Suite("The alert feed query")
struct AlertFeedTests {
    @Test("SQL orders as the Swift ranking does, lets old resolved alerts be, and cuts at the limit", arguments: TestBackend.allCases)
    func orderAndLimit(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let labels = ["CRITICAL", "Warning", "p2", "weird", "info", "page", "error", "", "sev3", "Fatal"]
        var observations: [AlertObservation] = []
        for (n, severity) in labels.enumerated() {
            observations.append(AlertObservation(fingerprint: "f\(n)", source: "am", name: "A\(n)", severity: severity, state: .firing,
                                                 summary: "s", labels: ["n": String(n)], startsAt: clock.now.addingTimeInterval(Double(n * 60))))
        }
        try store.recordAlerts(observations)
        // One resolved long ago, one just now.
        try store.recordAlerts([AlertObservation(fingerprint: "f0", source: "am", name: "A0", severity: "CRITICAL", state: .resolved,
                                                 summary: "s", labels: ["n": "0"], startsAt: clock.now, endsAt: clock.now)])
        clock.advance(3600)
        try store.recordAlerts([AlertObservation(fingerprint: "f1", source: "am", name: "A1", severity: "Warning", state: .resolved,
                                                 summary: "s", labels: ["n": "1"], startsAt: clock.now, endsAt: clock.now)])
        let since = clock.now.addingTimeInterval(-600)
        let feed = try store.alertFeed(resolvedSince: since, limit: 100)
        let expected = WarRoomStore.feedOrder(try store.alerts(includeResolved: true).filter {
            $0.state == .firing || ($0.endsAt ?? $0.lastSeenAt) >= since
        })
        #expect(feed.alerts.map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(feed.alerts.map(\.fingerprint).prefix(4) == ["f9", "f5", "f6", "f2"], "fatal, page, error, p2: worst first, then newest")
        #expect(!feed.alerts.contains { $0.fingerprint == "f0" }, "resolved an hour ago: not in the feed")
        #expect(feed.alerts.last?.fingerprint == "f1", "resolved just now: lingers at the end")
        #expect(feed.firing == 8)
        let cut = try store.alertFeed(resolvedSince: since, limit: 3)
        #expect(cut.alerts.map(\.fingerprint) == ["f9", "f5", "f6"] && cut.firing == 8)
    }
}
