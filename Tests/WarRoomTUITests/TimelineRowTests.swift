import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("Timeline rows")
struct TimelineRowTests {
    func whole(_ row: TimelineRow) -> String { row.kind + row.body }

    @Test("a change keeps its new value: the old value is shortened first, then the kind", arguments: [40, 30, 24, 16, 13])
    func newValueStays(_ width: Int) {
        let row = TimelineRow(kind: .statusChanged, body: "investigating → monitoring", width: width)
        #expect(whole(row).hasSuffix("→ monitoring"), "\(whole(row))")
        #expect(CellWidth.of(whole(row)) <= width, "\(whole(row)) fits \(width)")
    }

    @Test("room enough: the row is as it was")
    func roomEnough() {
        let row = TimelineRow(kind: .statusChanged, body: "investigating → monitoring", width: 60)
        #expect(row.kind == "status    " && row.body == "investigating → monitoring")
    }

    @Test("at 26 cells the old value is cut, the kind kept; at 20 the kind gives way")
    func oldValueFirst() {
        let row = TimelineRow(kind: .statusChanged, body: "investigating → monitoring", width: 26)
        #expect(row.kind == "status    ")
        #expect(row.body == "in… → monitoring")
        let narrower = TimelineRow(kind: .statusChanged, body: "investigating → monitoring", width: 20)
        #expect(narrower.kind == "stat… " && narrower.body == "… → monitoring")
    }

    @Test("a role change keeps the new holder; chat is left to the pane's clipping")
    func otherKinds() {
        #expect(whole(TimelineRow(kind: .roleAssigned, body: "commander: alice → bob", width: 20)).hasSuffix("→ bob"))
        let chat = TimelineRow(kind: .chat, body: "a → b but long and chatty", width: 12)
        #expect(chat.body == "a → b but long and chatty")
    }

    @Test("on the screen, a narrow timeline shows the new status")
    func onScreen() throws {
        let fixture = try ScreenFixture()
        let canvas = fixture.screen().compose(width: 80, height: 24, now: ScreenFixture.now)
        #expect(canvas.text.contains("→ identified"), "\(canvas.text)")
    }
}
