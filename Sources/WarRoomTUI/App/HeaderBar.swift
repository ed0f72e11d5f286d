import Foundation
import WarRoomCore

/// The top row: the selected incident on the left, the room on the right
/// (open incidents, who I am, the clock). Pure drawing from values.
///
/// The clock is never cut: at a narrow width the right side gives up who
/// I am, then the count, before the incident title shrinks below
/// `minimumTitle` cells.
enum HeaderBar {
    static let minimumTitle = 10

    static func draw(into canvas: inout Canvas, incident: Incident?, openCount: Int, me: String, now: Date) {
        canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: 1), role: .header)
        var x = canvas.put(" warroom ", x: 0, y: 0, role: .header, bold: true)
        let clock = String(TimeText.short(now, now: now).prefix(5)) + " "
        let count = "\(openCount) open · "
        let who = TextSanitizer.displayable(me) + " · "
        let lead = incident.map { "#\($0.id) \($0.severity) \($0.status.rawValue) · " } ?? ""
        let room = canvas.width - x - CellWidth.of(lead) - 1
        let right = [count + who + clock, count + clock, clock]
            .first { room - CellWidth.of($0) >= minimumTitle } ?? clock
        if let incident {
            x = canvas.put(lead, x: x, y: 0, role: .header, bold: true)
            let titleRoom = canvas.width - x - CellWidth.of(right) - 1
            if titleRoom > 0 {
                x = canvas.put(TextFit.truncate(TextSanitizer.displayable(incident.title), titleRoom), x: x, y: 0, role: .header)
            }
        }
        canvas.put(right, x: max(0, canvas.width - CellWidth.of(right)), y: 0, role: .header)
    }
}
