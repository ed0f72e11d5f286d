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
