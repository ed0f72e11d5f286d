import Foundation
import WarRoomCore

/// Everyone's messages, newest at the bottom, authors coloured, mentions of
/// the current user highlighted; the input line sits on its last row.
public final class ChatPane: Pane {
    public let id = PaneID.chat
    /// Incidents too: the title names the incident the chat goes to.
    public let topics: Set<ChangeTopic> = [.timeline, .incidents]
    public let me: String
    public var scroll = ScrollState(following: true)
    public var editor = LineEditor()
    /// Whether keys go to the input line (set by the screen's mode).
    public var typing = false
    private var height = 1

    public init(me: String) { self.me = me }

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        // Where a line goes; a resolved incident still selected says so.
        let resolved = data.selectedIncident?.status == .resolved ? " (resolved)" : ""
        let about = data.selectedIncidentID.map { " · to #\($0)\(resolved)" } ?? " · war room"
        canvas.box(rect, title: id.boxTitle(about), focused: focused)
        let r = rect.inner
        canvas.fill(r)
        guard r.height > 0 else { return }
        let messageArea = Rect(x: r.x, y: r.y, width: r.width, height: r.height - 1)
        height = messageArea.height
        drawMessages(into: &canvas, area: messageArea, data: data, now: now)
        drawInput(into: &canvas, y: r.maxY - 1, area: r, focused: focused && typing)
    }

    /// Newest first, bottom up, only until the area is full.
    private func drawMessages(into canvas: inout Canvas, area: Rect, data: WarRoomData, now: Date) {
        guard area.height > 0 else { return }
        scroll.clamp(count: data.chat.count, height: 1)
        var y = area.maxY - 1
        var index = scroll.following ? data.chat.count - 1 : scroll.selected
        while index >= 0, y >= area.y {
            let e = data.chat[index]
            let rows = layout(e, width: area.width, now: now)
            for (n, row) in rows.enumerated().reversed() where y - (rows.count - 1 - n) >= area.y {
                let rowY = y - (rows.count - 1 - n)
                var x = area.x
                for part in row { x = canvas.put(part.text, x: x, y: rowY, role: part.role, bold: part.bold, clip: area) }
            }
            y -= rows.count
            index -= 1
        }
        if data.chat.isEmpty {
            canvas.put("Nothing said yet. Type below; /help lists the commands.", x: area.x, y: area.maxY - 1, role: .dim, clip: area)
        }
    }

    struct Part { var text: String, role: StyleRole, bold: Bool }

    /// One message as rows of styled parts, wrapped to the width.
    private func layout(_ e: TimelineEvent, width: Int, now: Date) -> [[Part]] {
        let time = TimeText.short(e.at, now: now)
        let stamp = String(time.suffix(8).prefix(5))
        let author = TextSanitizer.displayable(e.author)
        let mentioned = e.body.range(of: "@" + me, options: .caseInsensitive) != nil && e.author != me
        var prefix: String
        var bodyRole: StyleRole = mentioned ? .mention : .text
        switch e.kind {
        case .chat: prefix = ""
        case .note: prefix = "[note] "
        case .statusUpdate: prefix = "[update] "; bodyRole = .title
        case .declared: prefix = "[declared #\(e.incidentID ?? 0)] "; bodyRole = .sev2
        case .resolved: prefix = "[resolved #\(e.incidentID ?? 0)] "; bodyRole = .stateOK
        default: prefix = "[\(e.kind.label)] "
        }
        let head = "\(stamp) \(author): "
        let headWidth = CellWidth.of(head)
        let bodyLines = e.body.split(separator: "\n", omittingEmptySubsequences: false).map { TextSanitizer.displayable(String($0)) }
        let text = prefix + bodyLines.joined(separator: " ⏎ ")
        let wrapped = TextFit.wrap(text, max(10, width - headWidth))
        var rows: [[Part]] = []
        for (i, line) in wrapped.enumerated() {
            if i == 0 {
                rows.append([Part(text: stamp + " ", role: .dim, bold: false),
                             Part(text: author, role: StyleRole.author(e.author), bold: true),
                             Part(text: ": ", role: .dim, bold: false),
                             Part(text: line, role: bodyRole, bold: mentioned)])
            } else {
                rows.append([Part(text: String(repeating: " ", count: headWidth) + line, role: bodyRole, bold: mentioned)])
            }
        }
        return rows
    }

    private func drawInput(into canvas: inout Canvas, y: Int, area: Rect, focused: Bool) {
        let line = Rect(x: area.x, y: y, width: area.width, height: 1)
        canvas.fill(line, role: focused ? .input : .text)
        guard focused else {
            cursorPosition = nil
            canvas.put(editor.isEmpty ? "press \(id.key) to type" : "draft: " + editor.text, x: area.x, y: y, role: .dim, clip: line)
            return
        }
        let prompt = "> "
        let room = max(1, area.width - CellWidth.of(prompt) - 1)
        let (visible, cursor) = editor.window(width: room)
        var x = canvas.put(prompt, x: area.x, y: y, role: .input, bold: true, clip: line)
        x = canvas.put(visible, x: x, y: y, role: .input, clip: line)
        cursorPosition = (area.x + CellWidth.of(prompt) + cursor, y)
        _ = x
    }

    /// Where the terminal cursor goes while typing.
    public private(set) var cursorPosition: (x: Int, y: Int)?

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        switch key {
        case .pageUp:
            scroll.selected = max(0, (scroll.following ? data.chat.count - 1 : scroll.selected) - max(1, height / 2))
            scroll.following = false
            return true
        case .pageDown:
            scroll.selected += max(1, height / 2)
            if scroll.selected >= data.chat.count - 1 { scroll.following = true }
            return true
        default:
            return false
        }
    }
}
