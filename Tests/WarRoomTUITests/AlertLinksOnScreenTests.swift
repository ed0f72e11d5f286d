import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

/// The ⚑ badge on the status board, and `L` from an alert to its logs.
@Suite("Linked alerts and alert logs on the screen")
struct AlertLinksOnScreenTests {
    static func text(_ canvas: Canvas) -> String { (0..<canvas.height).map { canvas.row(y: $0) }.joined(separator: "\n") }

    @Test("the incident row shows how many linked alerts still fire, and its service")
    func badge() throws {
        let fixture = try ScreenFixture()
        let store = fixture.data.store
        let incident = try #require(fixture.data.selectedIncidentID)
        let screen = fixture.screen()
        #expect(!Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now)).contains("⚑"))
        try store.linkAlert(id: try store.findAlert("a1").id, incidentID: incident)
        try store.linkAlert(id: try store.findAlert("a2").id, incidentID: incident)
        try store.setService(incidentID: try #require(fixture.data.incidents.first { $0.id != incident }).id, service: "search")
        try fixture.data.reload([.alerts, .incidents], now: ScreenFixture.now)
        let row = Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now)).split(separator: "\n")
            .first { $0.contains("#\(incident)   SEV2") }
        #expect(row?.contains("⚑2 Checkout API") == true, "\(row ?? "no row")")
        // The service follows the title (cut with it when the pane is narrow).
        #expect(Self.text(screen.compose(width: 200, height: 60, now: ScreenFixture.now)).contains("Search latency [sea"))
        // One resolves: the badge counts only those still firing.
        try store.recordAlerts([AlertObservation(fingerprint: "a2", source: "alertmanager", name: "DiskSpaceLow", severity: "warning",
                                                 state: .resolved, summary: "/var on db-1 is 88% full", labels: ["instance": "db-1"],
                                                 startsAt: ScreenFixture.now.addingTimeInterval(-3600), endsAt: ScreenFixture.now)])
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(fixture.data.linkedFiring == [incident: 1])
        let after = Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now)).split(separator: "\n")
            .first { $0.contains("#\(incident)   SEV2") }
        #expect(after?.contains("⚑1 Checkout API") == true, "\(after.map { $0.replacingOccurrences(of: "\u{1B}", with: "^[") } ?? "no row")")
    }

    @Test("L on an alert shows the logs around its start from its sources; + widens, the nearest line is marked; F follows again")
    func logsAroundAlert() throws {
        let fixture = try ScreenFixture()
        let screen = WarRoomScreen(data: fixture.data, me: "bob", logSources: AlertLogSources(labels: ["job"]))
        screen.handle(.char("L"))
        #expect(screen.logs.around == nil, "L outside the alert pane does nothing")
        screen.handle(.char("2"))
        screen.handle(.char("L"))
        #expect(screen.focus == .logs)
        // The alert started 5 min before the first line: no source logged within ±5m.
        #expect(screen.logs.around?.sources == [])
        var text = Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now))
        #expect(text.contains("3 Logs · around CheckoutHighErrorRate"))
        #expect(text.contains("±5m · all sources"))
        #expect(text.contains("No log lines in this window"))
        screen.handle(.char("+"))
        #expect(screen.logs.around?.sources == ["api"])
        text = Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now))
        #expect(text.contains("±10m · api"))
        let marked = text.split(separator: "\n").first { $0.contains("▶ ") && $0.contains("upstream timed out") }
        #expect(marked != nil, "the api line nearest the start is marked")
        #expect(!text.contains("502 Bad Gateway"), "nginx is not the alert's source")
        screen.handle(.char("F"))
        #expect(screen.logs.around == nil && screen.logs.scroll.following)
        text = Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now))
        #expect(text.contains("3 Logs · follow") && text.contains("502 Bad Gateway"))
    }

    @Test("L on an alert whose labels name no source says so and shows every source")
    func noMatchingSource() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.char("L"))
        #expect(screen.logs.around?.matched == false)
        #expect(screen.message?.isError == true && screen.message?.text.contains("showing every source") == true)
        #expect(Self.text(screen.compose(width: 160, height: 45, now: ScreenFixture.now)).contains("· all sources"))
    }
}
