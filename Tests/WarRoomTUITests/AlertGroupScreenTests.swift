import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

/// The fixture's two alerts (each alone in its group) and a HostDown group:
/// rows are CheckoutHighErrorRate, the HostDown group, DiskSpaceLow.
@Suite("Alert groups on the screen")
struct AlertGroupScreenTests {
    static func hostDown(_ n: Int, state: AlertState = .firing) -> AlertObservation {
        AlertObservation(fingerprint: "h\(n)", source: "alertmanager", name: "HostDown", severity: "warning", state: state,
                         summary: "db-\(n) unreachable", labels: ["alertname": "HostDown", "instance": "db-\(n)"],
                         startsAt: ScreenFixture.now.addingTimeInterval(-Double(600 + n)),
                         endsAt: state == .resolved ? ScreenFixture.now : nil)
    }

    static func fixture(hosts: ClosedRange<Int> = 1...5) throws -> ScreenFixture {
        let fixture = try ScreenFixture()
        try fixture.data.store.recordAlerts(hosts.map { hostDown($0) })
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        return fixture
    }

    /// The alert pane's rows as text (the left half of the screen's rows).
    static func rows(_ screen: WarRoomScreen) -> [String] {
        screen.compose(width: 160, height: 40, now: ScreenFixture.now).text.split(separator: "\n").map(String.init)
    }

    @Test("a group is one row: worst severity, ×count, the differing labels, the oldest age; → opens it, ← closes it")
    func expandCollapse() throws {
        let fixture = try Self.fixture()
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.down)
        let group = try #require(screen.alerts.selectedGroup(fixture.data))
        #expect(group.count == 5 && screen.alerts.selected(fixture.data) == nil)
        let row = try #require(Self.rows(screen).first { $0.contains("HostDown ×5") })
        #expect(row.contains("▸ WARN HostDown ×5  instance: db-1…db-5"))
        #expect(row.contains("10m"), "the oldest member started 10 minutes ago")
        #expect(Self.rows(screen).contains { $0.contains("Alerts (7 firing in 3 groups)") })
        #expect(!Self.rows(screen).contains { $0.contains("db-3 unreachable") })

        screen.handle(.right)
        let open = Self.rows(screen)
        #expect(open.contains { $0.contains("▾ WARN HostDown ×5") })
        #expect(open.filter { $0.contains("    ● WARN HostDown db-") }.count == 5, "members indented under the group")
        #expect(screen.alerts.selectedGroup(fixture.data)?.key == group.key, "opening keeps the cursor on the group")

        screen.handle(.down)
        screen.handle(.down)
        #expect(screen.alerts.selected(fixture.data)?.fingerprint == "h2", "members come newest first: h1 started last")
        screen.handle(.left)
        #expect(screen.alerts.selectedGroup(fixture.data)?.key == group.key, "← from a member goes back to its group")
        #expect(!Self.rows(screen).contains { $0.contains("db-3 unreachable") })

        screen.handle(.enter)
        #expect(Self.rows(screen).contains { $0.contains("db-3 unreachable") }, "Enter opens a group too")
        screen.handle(.enter)
        #expect(!Self.rows(screen).contains { $0.contains("db-3 unreachable") }, "and closes it again")
        #expect(screen.mode == .normal)
    }

    @Test("on a member row a, Enter and p act on that alert alone")
    func memberKeys() throws {
        let fixture = try Self.fixture()
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.down)
        screen.handle(.right)
        screen.handle(.down)
        let member = try #require(screen.alerts.selected(fixture.data))
        screen.handle(.enter)
        guard case .detail(let title, let lines) = screen.mode else { Issue.record("no detail view"); return }
        #expect(title == "Alert HostDown")
        #expect(lines.contains("  instance=\(member.labels["instance"]!)"))
        screen.handle(.escape)
        screen.handle(.char("a"))
        #expect(screen.message?.isError == false, "\(screen.message?.text ?? "")")
        let acked = try fixture.data.store.alerts().filter { $0.ackedBy != nil }
        #expect(acked.map(\.id) == [member.id])
        screen.handle(.char("p"))
        #expect(screen.message?.isError == false, "\(screen.message?.text ?? "")")
    }

    @Test("on a group row a acknowledges all its alerts; p says to choose one; s shows the matchers before anything is made")
    func groupKeys() throws {
        let fixture = try Self.fixture()
        let silencer = AlertSilencer(store: fixture.data.store,
                                     alertmanager: AlertmanagerClient(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: 1))
        let screen = WarRoomScreen(data: fixture.data, me: "bob", silencer: silencer)
        screen.handle(.char("2"))
        screen.handle(.down)
        screen.handle(.char("a"))
        #expect(screen.message?.text == "acknowledged 5 alerts of HostDown")
        let store = fixture.data.store
        #expect(try store.alerts().filter { $0.name == "HostDown" }.allSatisfy { $0.ackedBy == "alice" })
        #expect(try store.alerts().filter { $0.name != "HostDown" }.allSatisfy { $0.ackedBy == nil })
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(Self.rows(screen).contains { $0.contains("HostDown ×5") && $0.contains("5 ack") })

        screen.handle(.char("p"))
        #expect(screen.message?.isError == true && screen.message?.text.contains("open HostDown with →") == true)

        screen.handle(.char("s"))
        #expect(screen.mode == .prompting)
        let status = Self.rows(screen).last ?? ""
        #expect(status.contains(#"silence all 5 with alertname="HostDown" for"#), "\(status)")
        screen.handle(.escape)
        #expect(screen.mode == .normal)
        #expect(try store.alerts().allSatisfy { $0.silencedUntil == nil })
    }

    @Test("members come and go between reloads: the cursor stays on its group or alert, not on its row number")
    func stableSelection() throws {
        let fixture = try Self.fixture(hosts: 1...3)
        let store = fixture.data.store
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.down)
        screen.handle(.right)
        // Down to DiskSpaceLow, under the open group's three members.
        for _ in 0..<4 { screen.handle(.down) }
        #expect(screen.alerts.selected(fixture.data)?.name == "DiskSpaceLow")

        try store.recordAlerts((4...9).map { Self.hostDown($0) })
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(screen.alerts.selected(fixture.data)?.name == "DiskSpaceLow", "six rows came in above it")
        try store.recordAlerts((2...8).map { Self.hostDown($0, state: .resolved) })
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(screen.alerts.selected(fixture.data)?.name == "DiskSpaceLow", "seven rows left above it")

        // On a member that resolves, the cursor goes back to its group.
        screen.handle(.up)
        let member = try #require(screen.alerts.selected(fixture.data))
        #expect(member.name == "HostDown")
        try store.recordAlerts([Self.hostDown(Int(member.fingerprint.dropFirst())!, state: .resolved)])
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        // One member left: the group shows as that alert, and the cursor is on it.
        let left = try #require(screen.alerts.selected(fixture.data))
        #expect(left.name == "HostDown" && left.state == .firing && left.fingerprint != member.fingerprint)
        #expect(!Self.rows(screen).contains { $0.contains("HostDown ×") })
        // Resolved members linger, dimmed, under the groups.
        #expect(Self.rows(screen).contains { $0.contains("○ WARN HostDown") && $0.contains("resolved") })
    }

    @Test("f filters every firing alert, then groups what passes; the title shows the filter and N of M firing")
    func filterThenGroup() throws {
        let fixture = try Self.fixture()
        let screen = fixture.screen()
        screen.handle(.char("2"))
        try fixture.data.setAlertFilter(AlertMatchers(parsing: #"instance=~"db-[1-3]""#), now: ScreenFixture.now)
        // DiskSpaceLow (instance db-1) and HostDown on db-1…db-3 pass.
        #expect(fixture.data.matchingFiringCount == 4 && fixture.data.firingAlertCount == 7)
        #expect(fixture.data.alertGroups.map { "\($0.title)×\($0.count)" } == ["HostDown×3", "DiskSpaceLow×1"])
        let rows = screen.compose(width: 240, height: 60, now: ScreenFixture.now).text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains(#"2 Alerts {instance=~"db-[1-3]"} (4 of 7 firing in 2 groups)"#) }, "\(rows)")
        #expect(rows.contains { $0.contains("▸ WARN HostDown ×3  instance: db-1, db-2, db-3") }, "\(rows)")
        #expect(!rows.contains { $0.contains("CheckoutHighErrorRate") })
        // A member joins while filtered: it is counted only if it passes.
        try fixture.data.store.recordAlerts([Self.hostDown(2), Self.hostDown(9)].map { var o = $0; o.fingerprint += "x"; return o })
        try fixture.data.reload([.alerts], now: ScreenFixture.now)
        #expect(fixture.data.alertGroups.first?.count == 4 && fixture.data.firingAlertCount == 9)
        screen.handle(.escape)
        #expect(fixture.data.alertFilter == nil && fixture.data.alertGroups.first { $0.title == "HostDown" }?.count == 7)
    }

    @Test("L and /link act on the alert of a member row; on a group row L shows the storm's logs and /link links all")
    func logsAndLinkOnGroups() throws {
        let fixture = try Self.fixture()
        let store = fixture.data.store
        let incident = try #require(fixture.data.selectedIncidentID)
        let screen = fixture.screen()
        screen.handle(.char("2"))
        screen.handle(.down)
        let group = try #require(screen.alerts.selectedGroup(fixture.data))
        screen.submit("/unlink")
        #expect(screen.message?.isError == true && screen.message?.text.contains("/unlink acts on one alert: open HostDown") == true)

        // A member first, by hand.
        screen.handle(.right)
        screen.handle(.down)
        let member = try #require(screen.alerts.selected(fixture.data))
        screen.submit("/link")
        #expect(screen.message?.isError == false, "\(screen.message?.text ?? "")")
        #expect(try store.linkedAlerts(incidentID: incident).map(\.id) == [member.id])
        try fixture.data.reload([.alerts, .incidents], now: ScreenFixture.now)
        #expect(fixture.data.linkedFiring[incident] == 1, "the ⚑ badge counts it")
        screen.handle(.char("L"))
        #expect(screen.focus == .logs && screen.logs.around != nil)
        #expect(screen.compose(width: 160, height: 45, now: ScreenFixture.now).text.contains("around HostDown"))

        // Then the whole group: one transaction, one timeline line.
        screen.handle(.char("2"))
        screen.handle(.left)
        #expect(screen.alerts.selectedGroup(fixture.data)?.key == group.key)
        screen.submit("/link")
        #expect(screen.message?.text == "linked 4 alerts of HostDown to #\(incident) (1 already were)", "\(screen.message?.text ?? "")")
        #expect(Set(try store.linkedAlerts(incidentID: incident).map(\.id)) == Set(group.members.map(\.id)))
        #expect(try store.timeline(incidentID: incident, kinds: [.alertLinked]).map(\.body).last
                == "linked 4 alerts of HostDown (1 already were)")
        try fixture.data.reload([.alerts, .incidents], now: ScreenFixture.now)
        #expect(fixture.data.linkedFiring[incident] == 5)
        screen.submit("/link")
        #expect(screen.message?.text == "every alert of HostDown is already linked to #\(incident)")

        // L on the group row: around the storm's first start, every member's sources.
        screen.handle(.char("L"))
        #expect(screen.focus == .logs)
        let around = try #require(screen.logs.around)
        #expect(around.subject.startsAt == group.members.map(\.startsAt).min())
        #expect(around.candidates == (1...5).map { "db-\($0)" }, "\(around.candidates)")
        #expect(screen.message?.text == "no log source named db-1, db-2, db-3, db-4, db-5 logged in the window; showing every source")

        // A group of one is shown as its alert, and L acts on it.
        screen.handle(.char("2"))
        screen.handle(.home)
        #expect(screen.alerts.selected(fixture.data)?.name == "CheckoutHighErrorRate")
        screen.handle(.char("L"))
        #expect(screen.focus == .logs && screen.compose(width: 160, height: 45, now: ScreenFixture.now).text.contains("around CheckoutHighErrorRate"))
    }
}
