import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore
@testable import WarRoomStore

@Suite("The alert feed query")
struct AlertFeedTests {
    @Test("SQL orders as the Swift ranking does, lets old resolved alerts be, and cuts the lingering ones at the limit", arguments: TestBackend.allCases)
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
        let feed = try store.groupableFeed(resolvedSince: since, resolvedLimit: 100)
        let expected = WarRoomStore.feedOrder(try store.alerts())
        #expect(feed.firing.map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(feed.firing.map(\.fingerprint).prefix(4) == ["f9", "f5", "f6", "f2"], "fatal, page, error, p2: worst first, then newest")
        #expect(!feed.resolved.contains { $0.fingerprint == "f0" }, "resolved an hour ago: not in the feed")
        #expect(feed.resolved.map(\.fingerprint) == ["f1"], "resolved just now: lingers")
        #expect(feed.firing.count == 8)
        let cut = try store.groupableFeed(resolvedSince: since, resolvedLimit: 0)
        #expect(cut.resolved.isEmpty && cut.firing.count == 8, "the limit cuts only the lingering resolved alerts")
    }
}
