import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("The live status view")
struct StatusViewTests {
    @Test("the selected incident is marked and its executive brief fills the bottom; no room, no brief")
    func briefOfTheSelectedIncident() throws {
        let fixture = try ScreenFixture()
        let store = fixture.data.store
        let snapshot = try StatusSnapshot.build(store: store, now: ScreenFixture.now)
        let first = try #require(snapshot.incidents.first)
        let brief = try #require(try StatusApp.brief(of: first.id, store: store))
        #expect(brief.hasPrefix("Checkout API returning 5xx"))
        #expect(brief.contains("Impact: EU card payments fail."))
        #expect(brief.contains("Latest: Card payments in the EU fail; we found the cause."))
        #expect(!brief.unicodeScalars.contains { $0.value == 0x202E }, "the bidi override is shown, not obeyed")

        let frame = StatusApp.frame(snapshot, width: 100, height: 30, selected: first.id, brief: brief)
        let rows = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let boxTop = try #require(rows.firstIndex { $0.contains("Brief for executives · #\(first.id)") })
        #expect(boxTop > rows.count / 2, "the brief sits at the bottom")
        #expect(rows[(boxTop + 1)...].joined(separator: " ").contains("We have found the cause and are working on a fix."))
        #expect(rows.contains { $0.contains("READ-ONLY") })
        let second = try #require(snapshot.incidents.last)
        let other = StatusApp.frame(snapshot, width: 100, height: 30, selected: second.id,
                                    brief: try StatusApp.brief(of: second.id, store: store))
        #expect(other.text.contains("Brief for executives · #\(second.id)") && other.text.contains("Search latency"))

        let small = StatusApp.frame(snapshot, width: 100, height: 12, selected: first.id, brief: brief)
        #expect(!small.text.contains("Brief for executives"), "below 16 rows the snapshot keeps the screen")
    }
}

@Suite("A screen whose database cannot be read")
struct OutageLineTests {
    static let reason = "cannot reach the server (on socket \"/run/postgresql/.s.PGSQL.5432\": No such file or directory)"

    @Test("the war room keeps its panes and says on the status line why and since when; a passing message shows over it")
    func warRoom() throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        let healthy = screen.compose(width: 160, height: 40, now: ScreenFixture.now)
        screen.outage = (Self.reason, ScreenFixture.now.addingTimeInterval(-75))
        let frame = screen.compose(width: 160, height: 40, now: ScreenFixture.now)
        let bottom = frame.row(y: 39)
        #expect(bottom.contains("database unreachable, retrying · picture from 14:28:45 (1m) · cannot reach the server"), "\(bottom)")
        #expect(bottom.contains("No such file or directory"), "\(bottom)")
        #expect((0..<39).allSatisfy { frame.row(y: $0) == healthy.row(y: $0) }, "the last picture stays as it was")

        screen.say("could not write: the server is down", error: true)
        #expect(screen.compose(width: 160, height: 40, now: ScreenFixture.now).row(y: 39).contains("could not write"))
        screen.handle(.char("j"))
        #expect(screen.compose(width: 160, height: 40, now: ScreenFixture.now).row(y: 39).contains("database unreachable"))
        screen.outage = nil
        #expect(screen.compose(width: 160, height: 40, now: ScreenFixture.now).row(y: 39) == healthy.row(y: 39))
    }

    @Test("warroom status keeps its picture above a bottom row that says the database is unreachable")
    func statusView() throws {
        let fixture = try ScreenFixture()
        let snapshot = try StatusSnapshot.build(store: fixture.data.store, now: ScreenFixture.now)
        let id = try #require(snapshot.incidents.first?.id)
        let brief = try StatusApp.brief(of: id, store: fixture.data.store)
        let frame = StatusApp.frame(snapshot, width: 100, height: 30, selected: id, brief: brief,
                                    outage: (Self.reason, ScreenFixture.now.addingTimeInterval(-5)), now: ScreenFixture.now)
        #expect(frame.row(y: 29).contains("database unreachable, retrying · picture from"), "\(frame.row(y: 29))")
        #expect(frame.row(y: 28).hasPrefix("└"), "the brief's box ends just above it")
        #expect(frame.text.contains("Checkout API returning 5xx"))
        let fine = StatusApp.frame(snapshot, width: 100, height: 30, selected: id, brief: brief, now: ScreenFixture.now)
        #expect(fine.row(y: 29).hasPrefix("└") && !fine.text.contains("unreachable"))
    }
}
