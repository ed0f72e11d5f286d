/// Where each pane goes for a terminal size. Every pane is on screen at
/// every size from the minimum up; the arrangement changes, not the set.
public struct WarRoomLayout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 18

    public var status: Rect
    public var alerts: Rect
    public var logs: Rect
    public var chat: Rect
    public var timeline: Rect

    /// In the order of the panes: status, alerts, logs, chat, timeline.
    public var rects: [Rect] { [status, alerts, logs, chat, timeline] }

    /// nil when the terminal is below the minimum.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        let top = 1, bottom = height - 1  // header row above, status line below
        let rows = bottom - top
        if width >= 160 && height >= 40 {
            // Wide: status + alerts on the left, logs over chat in the middle, timeline on the right.
            let left = width * 32 / 100, right = width * 26 / 100
            let middle = width - left - right
            let statusHeight = max(8, rows * 45 / 100)
            let logHeight = rows * 55 / 100
            status = Rect(x: 0, y: top, width: left, height: statusHeight)
            alerts = Rect(x: 0, y: top + statusHeight, width: left, height: rows - statusHeight)
            logs = Rect(x: left, y: top, width: middle, height: logHeight)
            chat = Rect(x: left, y: top + logHeight, width: middle, height: rows - logHeight)
            timeline = Rect(x: left + middle, y: top, width: right, height: rows)
        } else {
            // Compact: status across the top, alerts | logs, chat | timeline.
            let statusHeight = max(5, rows * 28 / 100)
            let middleHeight = max(5, (rows - statusHeight) * 45 / 100)
            let lowerHeight = rows - statusHeight - middleHeight
            let half = width / 2
            let chatWidth = width * 55 / 100
            status = Rect(x: 0, y: top, width: width, height: statusHeight)
            alerts = Rect(x: 0, y: top + statusHeight, width: half, height: middleHeight)
            logs = Rect(x: half, y: top + statusHeight, width: width - half, height: middleHeight)
            chat = Rect(x: 0, y: top + statusHeight + middleHeight, width: chatWidth, height: lowerHeight)
            timeline = Rect(x: chatWidth, y: top + statusHeight + middleHeight, width: width - chatWidth, height: lowerHeight)
        }
    }
}
