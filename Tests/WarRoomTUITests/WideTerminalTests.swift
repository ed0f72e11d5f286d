import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

/// A wider terminal never shows less: every pane is at least as large as
/// at 120×40, and the status board's incident row keeps every column.
@Suite("Wide and narrow terminals")
struct WideTerminalTests {
    static let sizes = [(160, 48), (200, 60)]

    func rows(_ canvas: Canvas) -> [String] { (0..<canvas.height).map { canvas.row(y: $0) } }

    /// The status board's row of incident `id`, within the status pane.
    func incidentRow(_ screen: WarRoomScreen, id: Int64, width: Int, height: Int) throws -> String {
        let canvas = screen.compose(width: width, height: height, now: ScreenFixture.now)
        let pane = try #require(WarRoomLayout(width: width, height: height)).status
        return try #require(rows(canvas)[pane.y..<pane.maxY].first { $0.contains("#\(id) ") })
    }

    @Test("every field of an incident row at 120×40 is on the row at 160×48 and 200×60", arguments: sizes)
    func incidentRowKeepsItsFields(_ width: Int, _ height: Int) throws {
        let fixture = try ScreenFixture()
        let screen = fixture.screen()
        for incident in fixture.data.incidents {
            let narrow = try incidentRow(screen, id: incident.id, width: 120, height: 40)
            let wide = try incidentRow(screen, id: incident.id, width: width, height: height)
            // Every word of the row, but a cut one (the title's "gnp.e…").
            let fields = narrow.split(separator: "│").first { $0.contains("#\(incident.id)") }!
                .split(whereSeparator: \.isWhitespace).map(String.init)
            #expect(fields.count >= 8, "\(fields)")
            for field in fields where !field.contains("…") {
                #expect(wide.contains(field), "\(field) is at 120×40 but not at \(width)×\(height): \(wide)")
            }
        }
        let first = try incidentRow(screen, id: 1, width: width, height: height)
        for field in ["SEV2", "identified", "@alice", "25m", "upd 23m ago", "due in 7m"] { #expect(first.contains(field), "\(first)") }
    }

    @Test("no pane is smaller at 160×48 or 200×60 than at 120×40", arguments: sizes)
    func panesNeverShrink(_ width: Int, _ height: Int) throws {
        let base = try #require(WarRoomLayout(width: 120, height: 40))
        let wide = try #require(WarRoomLayout(width: width, height: height))
        for pane in PaneID.allCases {
            #expect(wide.rect(for: pane).width >= base.rect(for: pane).width, "\(pane) width")
            #expect(wide.rect(for: pane).height >= base.rect(for: pane).height, "\(pane) height")
        }
    }

    @Test("at 60×18 the header keeps its clock and the incident; the timeline's last event keeps its text")
    func smallest() throws {
        let fixture = try ScreenFixture()
        let canvas = fixture.screen().compose(width: 60, height: 18, now: ScreenFixture.now)
        let header = canvas.row(y: 0)
        #expect(header.hasSuffix("14:30"), "\(header)")
        #expect(header.contains("#1 SEV2 identified · Checkout"), "\(header)")
        let pane = try #require(WarRoomLayout(width: 60, height: 18)).timeline
        let last = try #require(fixture.data.timeline.last)
        let shown = rows(canvas)[pane.y..<pane.maxY].map { String($0.dropFirst(pane.x)) }
        #expect(shown.contains { $0.contains(String(last.body.prefix(8))) }, "the last event (\(last.body)) shows its text: \(shown)")
    }
}
