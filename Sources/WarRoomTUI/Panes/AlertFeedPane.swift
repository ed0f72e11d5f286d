import Foundation
import WarRoomCore

/// Firing alerts first, worst severity first; their age and who acked them.
/// Resolved ones stay a while, dimmed, then leave.
public final class AlertFeedPane: Pane {
    public let title = "Alerts"
    public let topics: Set<ChangeTopic> = [.alerts]
    public var showsAge: Bool { true }
    public var scroll = ScrollState(following: false)
    private var height = 1

    public init() {}

    /// The alert under the cursor.
    public func selected(_ data: WarRoomData) -> Alert? {
        data.alerts.indices.contains(scroll.selected) ? data.alerts[scroll.selected] : nil
    }

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        let shown = data.alerts.count < data.matchingFiringCount ? ", worst \(data.alerts.count) shown" : ""
        if let filter = data.alertFilter {
            let matchers = TextSanitizer.displayable(filter.description)
            canvas.box(rect, title: "2 \(title) \(matchers) (\(data.matchingFiringCount) of \(data.firingAlertCount) firing\(shown))",
                       focused: focused)
        } else {
            canvas.box(rect, title: "2 \(title) (\(data.firingAlertCount) firing\(shown))", focused: focused)
        }
        let r = rect.inner
        canvas.fill(r)
        height = r.height
        guard r.height > 0 else { return }
        if data.alerts.isEmpty {
            let empty = data.alertFilter == nil ? "All quiet: no alert is firing." : "No alert passes the filter (Esc clears it)."
            canvas.put(empty, x: r.x, y: r.y, role: .dim, clip: r)
            return
        }
        scroll.clamp(count: data.alerts.count, height: r.height)
        // Only the visible rows are touched: with 100,000 alerts, walking
        // (and so copying) every one cost 30 ms a frame.
        for row in scroll.top..<min(data.alerts.count, scroll.top + r.height) {
            let a = data.alerts[row]
            let y = r.y + row - scroll.top
            let isSelected = focused && row == scroll.selected
            let firingNow = a.state == .firing
            let base: StyleRole = isSelected ? .selection : (firingNow ? .text : .dim)
            if isSelected { canvas.fill(Rect(x: r.x, y: y, width: r.width, height: 1), role: .selection) }
            let sevRole = isSelected ? .selection : (firingNow ? Self.role(a.severityRank) : .dim)
            var x = canvas.put(firingNow ? "● " : "○ ", x: r.x, y: y, role: sevRole, clip: r)
            x = canvas.put(TextFit.pad(Self.label(a.severity), 5), x: x, y: y, role: sevRole, bold: firingNow, clip: r)
            let age = TimeText.age(since: a.startsAt, now: now)
            var status = firingNow ? age : "resolved"
            if a.isSilenced(at: now) { status += " muted" }
            if let by = a.ackedBy { status += " ack " + TextSanitizer.displayable(by) }
            let statusWidth = min(CellWidth.of(status), max(0, r.width / 3))
            let textWidth = max(0, r.maxX - x - statusWidth - 1)
            let name = TextSanitizer.displayable(a.name), summary = TextSanitizer.displayable(a.summary)
            x = canvas.put(TextFit.truncate(name, textWidth), x: x, y: y, role: base, bold: firingNow, clip: r)
            if x < r.x + (r.width - statusWidth - 1) {
                canvas.put(TextFit.truncate(" " + summary, r.maxX - x - statusWidth - 1), x: x, y: y, role: isSelected ? .selection : .dim, clip: r)
            }
            canvas.put(TextFit.padLeft(status, statusWidth), x: r.maxX - statusWidth, y: y,
                       role: a.ackedBy == nil && firingNow && !isSelected ? .stateWarning : base, clip: r)
        }
    }

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        scroll.handle(key, count: data.alerts.count, page: height)
    }

    static func label(_ severity: String) -> String {
        switch AlertObservation.rank(ofSeverityLabel: severity) {
        case 0: return "CRIT"
        case 1: return "ERR"
        case 2: return "WARN"
        case 3: return "INFO"
        default: return TextFit.truncate(TextSanitizer.displayable(severity.uppercased()), 4)
        }
    }

    static func role(_ rank: Int) -> StyleRole {
        switch rank {
        case 0: return .sev1
        case 1: return .sev2
        case 2: return .sev3
        default: return .sev4
        }
    }
}
