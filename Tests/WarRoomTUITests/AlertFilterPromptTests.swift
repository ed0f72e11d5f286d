import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("Filtering the alert pane by labels (f)")
struct AlertFilterPromptTests {
    func lines(_ screen: WarRoomScreen) -> [String] {
        screen.render(width: 120, height: 40, now: ScreenFixture.now).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func statusLine(_ screen: WarRoomScreen) -> String { lines(screen)[39].trimmingCharacters(in: .whitespaces) }

    func type(_ text: String, on screen: WarRoomScreen) {
        for ch in text { screen.handle(.char(ch)) }
    }

    @Test("f takes a matcher list; the pane keeps what passes and its title shows the filter and the counts; Esc clears")
    func filterAndClear() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("2"))
        screen.handle(.char("f"))
        #expect(screen.mode == .prompting)
        #expect(statusLine(screen).hasPrefix("filter alerts"))
        type(#"instance=~"db-\d+""#, on: screen)
        screen.handle(.enter)
        #expect(screen.mode == .normal)
        #expect(screen.data.shownAlerts.map(\.name) == ["DiskSpaceLow"])
        let frame = lines(screen).joined(separator: "\n")
        // Printed as Alertmanager prints matchers: backslashes escaped.
        #expect(frame.contains(#"2 Alerts {instance=~"db-\\d+"} (1 of 2 firing)"#), "\(frame)")
        #expect(frame.contains("WARN DiskSpaceLow") && !frame.contains("CRIT CheckoutHighErrorRate"))
        // f again brings the filter back to edit.
        screen.handle(.char("f"))
        #expect(statusLine(screen) == #"filter alerts: instance=~"db-\d+""#, "as typed")
        screen.handle(.escape)
        screen.handle(.escape)
        #expect(screen.data.alertFilter == nil)
        #expect(screen.data.shownAlerts.count == 2)
        #expect(lines(screen).joined(separator: "\n").contains("2 Alerts (2 firing)"))
    }

    @Test("an empty filter clears it; severity and alertname work on alerts whose labels lack them")
    func emptyClears() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("2"))
        screen.handle(.char("f"))
        type(#"severity="critical",alertname=~"Checkout.*""#, on: screen)
        screen.handle(.enter)
        #expect(screen.data.shownAlerts.map(\.name) == ["CheckoutHighErrorRate"])
        screen.handle(.char("f"))
        screen.handle(.ctrl("u"))
        screen.handle(.enter)
        #expect(screen.data.alertFilter == nil && screen.data.shownAlerts.count == 2)
    }

    @Test("a bad matcher says why on the status line and keeps the typed text in the prompt to fix")
    func badMatcherKeepsText() throws {
        let screen = try ScreenFixture().screen()
        screen.handle(.char("2"))
        screen.handle(.char("f"))
        type(#"service=~"api|(web""#, on: screen)
        screen.handle(.enter)
        #expect(screen.mode == .prompting, "the prompt stays open")
        let line = statusLine(screen)
        #expect(line.hasPrefix("position 10: bad regex in service=~"), "\(line)")
        #expect(line.hasSuffix(#"service=~"api|(web""#), "the typed text is kept: \(line)")
        #expect(screen.data.alertFilter == nil && screen.data.shownAlerts.count == 2, "nothing was filtered")
        // Fix it in place: the closing parenthesis before the final quote.
        screen.handle(.left)
        screen.handle(.char(")"))
        screen.handle(.enter)
        #expect(screen.mode == .normal)
        #expect(screen.data.alertFilter?.description == #"{service=~"api|(web)"}"#)
        #expect(screen.data.shownAlerts.isEmpty)
        let frame = lines(screen).joined(separator: "\n")
        #expect(frame.contains("No alert passes the filter (Esc clears it)."), "\(frame)")
    }

    @Test("the filter sees every firing alert, not only the worst ones the pane holds")
    func beyondTheCut() throws {
        let fixture = try ScreenFixture()
        let store = fixture.data.store
        let criticals = (0..<(fixture.data.alertCapacity + 10)).map { n in
            AlertObservation(fingerprint: "c\(n)", source: "am", name: "Storm", severity: "critical", state: .firing,
                             summary: "s", labels: ["host": "h\(n)"], startsAt: ScreenFixture.now)
        }
        try store.recordAlerts(criticals + [AlertObservation(fingerprint: "quiet", source: "am", name: "Quiet", severity: "info",
                                                              state: .firing, summary: "s", labels: ["team": "payments"],
                                                              startsAt: ScreenFixture.now)])
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        // Beyond the worst `alertCapacity`: the pane's groups still count
        // every firing alert, and the filter must see them all too.
        #expect(fixture.data.alertGroups.first { $0.title == "Storm" }?.count == fixture.data.alertCapacity + 10)
        #expect(Array(fixture.data.shownAlerts.prefix(fixture.data.alertCapacity)).allSatisfy { $0.name != "Quiet" },
                "Quiet is beyond the worst \(fixture.data.alertCapacity)")
        try fixture.data.setAlertFilter(AlertMatchers(parsing: "team=payments"), now: ScreenFixture.now)
        #expect(fixture.data.shownAlerts.map(\.name) == ["Quiet"])
        #expect(fixture.data.alertGroups.map(\.title) == ["Quiet"], "what passes is grouped")
        #expect(fixture.data.matchingFiringCount == 1 && fixture.data.firingAlertCount == fixture.data.alertCapacity + 13)
        // And it is kept across reloads as alerts change.
        try store.recordAlerts([AlertObservation(fingerprint: "quiet2", source: "am", name: "Quiet2", severity: "info", state: .firing,
                                                 summary: "s", labels: ["team": "payments"], startsAt: ScreenFixture.now)])
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(Set(fixture.data.shownAlerts.map(\.name)) == ["Quiet", "Quiet2"])
    }
}

extension WarRoomData {
    /// Every alert the pane holds: the members of its groups (the firing
    /// alerts that pass the filter), then the resolved ones that linger.
    var shownAlerts: [Alert] { alertGroups.flatMap(\.members) + lingeringAlerts }
}
