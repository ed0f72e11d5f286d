import Foundation
import WarRoomCore

/// The selected incident's whole timeline, oldest at the top.
public final class TimelinePane: Pane {
    public let id = PaneID.timeline
    public let topics: Set<ChangeTopic> = [.timeline, .incidents, .tasks]
    public var scroll = ScrollState(following: true)
    private var height = 1

    public init() {}

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        let which = data.selectedIncident.map { " #\($0.id) " + TextSanitizer.displayable($0.title) } ?? ""
        let open = data.tasks.filter { !$0.isDone }.count
        let tasks = data.tasks.isEmpty ? "" : " · tasks \(data.tasks.count - open)/\(data.tasks.count) done"
        canvas.box(rect, title: id.boxTitle(which + tasks), focused: focused)
        let r = rect.inner
        canvas.fill(r)
        height = r.height
        guard r.height > 0 else { return }
        guard data.selectedIncidentID != nil else {
            canvas.put("No incident selected.", x: r.x, y: r.y, role: .dim, clip: r)
            return
        }
        let events = data.timeline
        let authorWidth = min(10, max(4, events.map { $0.author.count }.max() ?? 4))
        // A narrow pane shows HH:MM (the seconds matter least).
        let seconds = r.width >= 40
        // The newest event, followed, is never cut: a text too long for its
        // row goes whole on the rows below it (up to half the pane).
        let lead = (seconds ? 9 : 6) + authorWidth + 1
        var continued: [String] = []
        if scroll.following, let last = events.last, r.height >= 3 {
            let body = Self.oneLine(last.body)
            let fitted = TimelineRow(kind: last.kind, body: body, width: r.width - lead)
            if CellWidth.of(fitted.kind + fitted.body) > r.width - lead {
                continued = Array(TextFit.wrap(body, r.width - 2).prefix(r.height / 2))
            }
        }
        scroll.clamp(count: events.count, height: r.height - continued.count)
        for (row, e) in events.enumerated().dropFirst(scroll.top).prefix(r.height - continued.count) {
            let y = r.y + row - scroll.top
            let cursor = focused && !scroll.following && row == scroll.selected
            if cursor { canvas.fill(Rect(x: r.x, y: y, width: r.width, height: 1), role: .selection) }
            let time = String(TimeText.short(e.at, now: now).suffix(8))
            var x = canvas.put((seconds ? time : String(time.prefix(5))) + " ", x: r.x, y: y, role: cursor ? .selection : .dim, clip: r)
            x = canvas.put(TextFit.pad(TextSanitizer.displayable(e.author), authorWidth) + " ", x: x, y: y,
                           role: cursor ? .selection : StyleRole.author(e.author), clip: r)
            let wrapsBelow = !continued.isEmpty && row == events.count - 1
            let fitted = TimelineRow(kind: e.kind, body: wrapsBelow ? "" : Self.oneLine(e.body), width: r.maxX - x)
            x = canvas.put(fitted.kind, x: x, y: y, role: cursor ? .selection : Self.role(e.kind), bold: true, clip: r)
            canvas.put(fitted.body, x: x, y: y, role: cursor ? .selection : .text, clip: r)
        }
        let below = r.y + min(r.height - continued.count, events.count - scroll.top)
        for (i, line) in continued.enumerated() {
            canvas.put("  " + line, x: r.x, y: below + i, role: .text, clip: r)
        }
    }

    /// An event's text on one line, shown safe: line breaks as ⏎.
    static func oneLine(_ body: String) -> String {
        body.split(separator: "\n", omittingEmptySubsequences: false).map { TextSanitizer.displayable(String($0)) }.joined(separator: " ⏎ ")
    }

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        scroll.handle(key, count: data.timeline.count, page: height)
    }

    static func role(_ kind: EventKind) -> StyleRole {
        switch kind {
        case .declared, .severityChanged, .alertFired: return .sev2
        case .resolved, .alertResolved, .taskDone: return .stateOK
        case .statusUpdate, .statusChanged: return .title
        case .reopened: return .sev1
        default: return .dim
        }
    }
}
