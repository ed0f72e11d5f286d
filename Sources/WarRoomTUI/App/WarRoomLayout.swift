/// Where each pane goes for a terminal size. Every pane is on screen at
/// every size from the minimum up; the arrangement changes, not the set.
///
/// A wider terminal never gives a pane less room than a narrower one: the
/// status board always spans the whole width (its incident row has six
/// columns after the title), and the three-column arrangement starts only
/// where each of its columns is at least as wide as the pane it replaces
/// in the two-column one at 120 columns.
public struct WarRoomLayout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 18
    /// From here, alerts | logs over chat | timeline side by side.
    public static let threeColumnWidth = 180

    public var status: Rect
    public var alerts: Rect
    public var logs: Rect
    public var chat: Rect
    public var timeline: Rect

    public func rect(for pane: PaneID) -> Rect {
        switch pane {
        case .status: return status
        case .alerts: return alerts
        case .logs: return logs
        case .chat: return chat
        case .timeline: return timeline
        }
    }

    /// nil when the terminal is below the minimum.
    public init?(width: Int, height: Int) {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        let top = 1, bottom = height - 1  // header row above, status line below
        let rows = bottom - top
        if width >= Self.threeColumnWidth && height >= 40 {
            // Status across the top; alerts | logs over chat | timeline.
            let statusHeight = max(8, rows * 30 / 100)
            let below = rows - statusHeight, y = top + statusHeight
            let left = width * 35 / 100, right = width * 29 / 100
            let middle = width - left - right
            let logHeight = below * 55 / 100
            status = Rect(x: 0, y: top, width: width, height: statusHeight)
            alerts = Rect(x: 0, y: y, width: left, height: below)
            logs = Rect(x: left, y: y, width: middle, height: logHeight)
            chat = Rect(x: left, y: y + logHeight, width: middle, height: below - logHeight)
            timeline = Rect(x: left + middle, y: y, width: right, height: below)
        } else {
            // Status across the top, alerts | logs, chat | timeline.
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
