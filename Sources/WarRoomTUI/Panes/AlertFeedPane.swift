import Foundation
import WarRoomCore

/// Firing alerts in groups (by the config's grouping labels), worst first:
/// a row per group with its count, how many are acknowledged or silenced,
/// the labels that differ and the oldest age; → or Enter opens a group
/// into its alerts, ← closes it. Resolved alerts stay a while, dimmed,
/// then leave. The grouping is Core's (`AlertGrouping`); this only draws.
public final class AlertFeedPane: Pane {
    public let id = PaneID.alerts
    public let topics: Set<ChangeTopic> = [.alerts]
    public var showsAge: Bool { true }
    public var scroll = ScrollState(following: false)
    private var height = 1
    /// The groups open, by key: they stay open across reloads.
    private(set) var expanded: Set<String> = []
    private var feed = AlertFeedRows()
    /// The data's `alertsVersion` the rows were built from (-1: none yet).
    private var builtVersion = -1

    public init() {}

    /// The alert under the cursor (a member or a lone alert; nil on a group).
    public func selected(_ data: WarRoomData) -> Alert? {
        switch selectedRow(data) {
        case .member(let a, _), .alert(let a, _): return a
        default: return nil
        }
    }

    /// The group under the cursor, when the cursor is on a group's row.
    public func selectedGroup(_ data: WarRoomData) -> AlertGroup? {
        if case .group(let g, _) = selectedRow(data) { return g }
        return nil
    }

    func selectedRow(_ data: WarRoomData) -> AlertFeedRows.Row? {
        sync(data)
        return feed.rows.indices.contains(scroll.selected) ? feed.rows[scroll.selected] : nil
    }

    /// Opens or closes the selected group; from a member row, closing goes
    /// back to its group's row. Returns whether anything changed.
    @discardableResult
    public func setExpanded(_ open: Bool, data: WarRoomData) -> Bool {
        guard let row = selectedRow(data), let key = row.groupKey else { return false }
        if case .alert = row { return false }
        if open == expanded.contains(key) {
            guard !open, case .member = row else { return false }
        }
        if open { expanded.insert(key) } else { expanded.remove(key) }
        rebuild(data, keeping: open ? row.identity : .group(key), groupKey: key)
        return true
    }

    /// Rebuilds the rows when the alerts were reloaded, keeping the cursor
    /// on the same group or alert and at the same height on screen.
    private func sync(_ data: WarRoomData) {
        guard builtVersion != data.alertsVersion else { return }
        let held = feed.rows.indices.contains(scroll.selected) ? feed.rows[scroll.selected] : nil
        rebuild(data, keeping: held?.identity, groupKey: held?.groupKey)
    }

    private func rebuild(_ data: WarRoomData, keeping identity: AlertFeedRows.Identity?, groupKey: String?) {
        let offset = scroll.selected - scroll.top
        // Groups that fired no more are forgotten, so one that fires again
        // later starts closed.
        expanded.formIntersection(data.alertGroups.lazy.map(\.key))
        feed = AlertFeedRows(groups: data.alertGroups, lingering: data.lingeringAlerts, expanded: expanded)
        builtVersion = data.alertsVersion
        if let identity, let i = feed.index(of: identity, groupKey: groupKey) {
            scroll.selected = i
            scroll.top = max(0, i - offset)
        }
    }

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        sync(data)
        let groups = data.alertGroups.count
        let grouped = groups > 0 && groups < data.matchingFiringCount ? " in \(groups) group\(groups == 1 ? "" : "s")" : ""
        if let filter = data.alertFilter {
            let matchers = TextSanitizer.displayable(filter.description)
            canvas.box(rect, title: id.boxTitle(" \(matchers) (\(data.matchingFiringCount) of \(data.firingAlertCount) firing\(grouped))"),
                       focused: focused)
        } else {
            canvas.box(rect, title: id.boxTitle(" (\(data.firingAlertCount) firing\(grouped))"), focused: focused)
        }
        let r = rect.inner
        canvas.fill(r)
        height = r.height
        guard r.height > 0 else { return }
        if feed.count == 0 {
            let empty = data.alertFilter == nil ? "All quiet: no alert is firing." : "No alert passes the filter (Esc clears it)."
            canvas.put(empty, x: r.x, y: r.y, role: .dim, clip: r)
            return
        }
        scroll.clamp(count: feed.count, height: r.height)
        // Only the visible rows are touched: with 100,000 alerts, walking
        // (and so copying) every one cost 30 ms a frame.
        for row in scroll.top..<min(feed.count, scroll.top + r.height) {
            let y = r.y + row - scroll.top
            let isSelected = focused && row == scroll.selected
            if isSelected { canvas.fill(Rect(x: r.x, y: y, width: r.width, height: 1), role: .selection) }
            switch feed.rows[row] {
            case .group(let g, let open):
                drawGroup(g, open: open, y: y, in: r, selected: isSelected, canvas: &canvas, now: now)
            case .member(let a, _):
                drawAlert(a, indent: 4, y: y, in: r, selected: isSelected, canvas: &canvas, now: now)
            case .alert(let a, _):
                drawAlert(a, indent: 0, y: y, in: r, selected: isSelected, canvas: &canvas, now: now)
            }
        }
    }

    /// `▸ CRIT  HostDown ×312  instance: db-1…db-9 +303     4 ack 2 muted 3h`
    private func drawGroup(_ g: AlertGroup, open: Bool, y: Int, in r: Rect, selected: Bool, canvas: inout Canvas, now: Date) {
        let base: StyleRole = selected ? .selection : .text
        let sevRole = selected ? .selection : Self.role(g.worstRank)
        var x = canvas.put(open ? "▾ " : "▸ ", x: r.x, y: y, role: sevRole, clip: r)
        x = canvas.put(TextFit.pad(Self.label(g.worstSeverity), 5), x: x, y: y, role: sevRole, bold: true, clip: r)
        var status = TimeText.age(since: g.oldestStart, now: now)
        if g.silenced > 0 { status = "\(g.silenced) muted " + status }
        if g.acknowledged > 0 { status = "\(g.acknowledged) ack " + status }
        let statusWidth = min(CellWidth.of(status), max(0, r.width / 3))
        let textWidth = max(0, r.maxX - statusWidth - 1 - x)
        let name = TextSanitizer.displayable(g.title) + " ×\(g.count)"
        x = canvas.put(TextFit.truncate(name, textWidth), x: x, y: y, role: base, bold: true, clip: r)
        if x < r.maxX - statusWidth - 1, !g.spreads.isEmpty {
            let spread = "  " + TextSanitizer.displayable(g.spreads.map(\.text).joined(separator: " · "))
            canvas.put(TextFit.truncate(spread, r.maxX - x - statusWidth - 1), x: x, y: y, role: selected ? .selection : .dim, clip: r)
        }
        canvas.put(TextFit.padLeft(status, statusWidth), x: r.maxX - statusWidth, y: y,
                   role: g.acknowledged < g.count && !selected ? .stateWarning : base, clip: r)
    }

    private func drawAlert(_ a: Alert, indent: Int, y: Int, in r: Rect, selected: Bool, canvas: inout Canvas, now: Date) {
        let firingNow = a.state == .firing
        let base: StyleRole = selected ? .selection : (firingNow ? .text : .dim)
        let sevRole = selected ? .selection : (firingNow ? Self.role(a.severityRank) : .dim)
        var x = canvas.put(String(repeating: " ", count: indent) + (firingNow ? "● " : "○ "), x: r.x, y: y, role: sevRole, clip: r)
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
            canvas.put(TextFit.truncate(" " + summary, r.maxX - x - statusWidth - 1), x: x, y: y, role: selected ? .selection : .dim, clip: r)
        }
        canvas.put(TextFit.padLeft(status, statusWidth), x: r.maxX - statusWidth, y: y,
                   role: a.ackedBy == nil && firingNow && !selected ? .stateWarning : base, clip: r)
    }

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        sync(data)
        switch key {
        case .right: return setExpanded(true, data: data)
        case .left: return setExpanded(false, data: data)
        default: return scroll.handle(key, count: feed.count, page: height)
        }
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
