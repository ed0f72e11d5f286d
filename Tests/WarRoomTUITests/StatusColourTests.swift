import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("The status view colours lines from values")
struct StatusColourTests {
    @Test("a title that says OVERDUE or SEV1 does not colour its row; the incident's severity and due time do")
    func typedColours() throws {
        let fixture = try ScreenFixture()
        let store = fixture.data.store
        let trap = try store.declare(title: "OVERDUE invoices SEV1 batch", severity: .sev4)
        let snapshot = try StatusSnapshot.build(store: store, now: ScreenFixture.now)
        let lines = StatusText.lines(snapshot)
        let row = try #require(lines.first { $0.text.hasPrefix("#\(trap.id) ") })
        #expect(row.kind == .incident(id: trap.id, severity: .sev4, overdue: false))
        #expect(StatusApp.role(of: row.kind) == .sev4)
        let frame = StatusApp.frame(snapshot, width: 100, height: 40, now: ScreenFixture.now)
        let y = try #require((0..<frame.height).first { frame.row(y: $0).contains("OVERDUE invoices") })
        #expect(!frame.roles(y: y).contains(.overdue) && !frame.roles(y: y).contains(.sev1))
        #expect(StatusText.text(snapshot) == lines.map(\.text).joined(separator: "\n"))
    }
}
