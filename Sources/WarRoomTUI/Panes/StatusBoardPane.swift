import Foundation
import WarRoomCore

/// Services by state and the open incidents: SEV, status, commander,
/// duration, last update and when the next one is due; `⚑3` before a
/// title: three alerts linked to the incident still fire.
public final class StatusBoardPane: Pane {
    public let id = PaneID.status
    public let topics: Set<ChangeTopic> = [.incidents, .checks, .collectors, .settings, .alerts]
    public var showsAge: Bool { true }
    public var scroll = ScrollState(following: false)
    private var height = 1

    public init() {}

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        canvas.box(rect, title: id.boxTitle(), focused: focused)
        let r = rect.inner
        canvas.fill(r)
        guard r.height > 0, r.width > 0 else { return }
        var y = r.y
        // Services: counts by state, then the failing ones by name.
        var x = canvas.put("Services ", x: r.x, y: y, role: .dim, clip: r)
        let counts = Dictionary(grouping: data.checks, by: \.state).mapValues(\.count)
        if data.checks.isEmpty {
            canvas.put("no check has reported yet", x: x, y: y, role: .dim, clip: r)
        }
        for state in [CheckState.ok, .warning, .critical, .unknown] where !data.checks.isEmpty {
            x = canvas.put("\(counts[state] ?? 0) \(state) ", x: x, y: y, role: Self.role(state), bold: state != .ok && (counts[state] ?? 0) > 0, clip: r)
        }
        if !data.collectors.isEmpty {
            let troubled = data.collectors.filter { $0.isFailing || $0.isStale(at: now) }.count
            x = canvas.put("· collectors ", x: x, y: y, role: .dim, clip: r)
            canvas.put(troubled == 0 ? "\(data.collectors.count) ok" : "\(troubled) of \(data.collectors.count) failing",
                       x: x, y: y, role: troubled == 0 ? .stateOK : .stateCritical, bold: troubled > 0, clip: r)
        }
        y += 1
        for c in data.collectors where (c.isFailing || c.isStale(at: now)) && y < r.maxY - 1 {
            let why = c.isFailing ? "failing (\(c.consecutiveFailures)×): \(c.lastError ?? "")"
                : "stale: no run for \(DurationText.compact(now.timeIntervalSince(c.lastRunAt ?? .distantPast)))"
            let cx = canvas.put("⚠ collector " + TextSanitizer.displayable(c.name) + " ", x: r.x, y: y, role: .stateCritical, bold: true, clip: r)
            // Up to three lines: what is wrong comes first, but who could
            // fix it (a permission error's owner, group and advice) follows.
            let text = TextSanitizer.displayable(why)
            let first = TextFit.wrap(text, r.maxX - cx).first ?? ""
            canvas.put(first, x: cx, y: y, role: .stateCritical, clip: r)
            y += 1
            let rest = text.dropFirst(first.count).drop { $0 == " " }
            for line in TextFit.wrap(String(rest), r.width - 2).prefix(2) where y < r.maxY - 1 {
                canvas.put(line, x: r.x + 2, y: y, role: .stateCritical, clip: r)
                y += 1
            }
        }
        let failing = data.checks.filter { $0.state != .ok }
        if y < r.maxY, !failing.isEmpty {
            var fx = r.x
            for check in failing {
                fx = canvas.put(check.state == .critical ? "✖ " : "▲ ", x: fx, y: y, role: Self.role(check.state), clip: r)
                fx = canvas.put(TextSanitizer.displayable(check.name) + "  ", x: fx, y: y, role: Self.role(check.state), clip: r)
            }
            y += 1
        }
        guard y < r.maxY else { return }
        let list = Rect(x: r.x, y: y, width: r.width, height: r.maxY - y)
        height = list.height
        if data.incidents.isEmpty {
            canvas.put("No open incidents. /declare TITLE sev2 to open one.", x: list.x, y: list.y, role: .dim, clip: list)
            return
        }
        if let index = data.incidents.firstIndex(where: { $0.id == data.selectedIncidentID }) { scroll.selected = index }
        scroll.clamp(count: data.incidents.count, height: list.height)
        for (row, i) in data.incidents.enumerated().dropFirst(scroll.top).prefix(list.height) {
            drawIncident(i, into: &canvas, y: list.y + row - scroll.top, area: list,
                         selected: i.id == data.selectedIncidentID, focused: focused, now: now, cadence: data.cadence,
                         linkedFiring: data.linkedFiring[i.id] ?? 0)
        }
    }

    /// Columns after the title, in the order they are given up when the
    /// pane is narrow: the update due goes last, the last-update age first.
    private enum Column: CaseIterable {
        case due, status, age, commander, lastUpdate
        var width: Int {
            switch self {
            case .due: return 15
            case .status: return 15
            case .age: return 7
            case .commander: return 13
            case .lastUpdate: return 15
            }
        }
    }

    private func drawIncident(_ i: Incident, into canvas: inout Canvas, y: Int, area: Rect, selected: Bool, focused: Bool, now: Date,
                              cadence: UpdateCadence, linkedFiring: Int) {
        let minimumTitle = 16, lead = 2 + 5 + 5
        var shown: Set<Column> = []
        var used = lead + minimumTitle
        for column in Column.allCases where used + column.width <= area.width {
            shown.insert(column)
            used += column.width
        }
        let titleWidth = area.width - used + minimumTitle
        let highlight = selected && focused
        let role: StyleRole = highlight ? .selection : .text
        let dim: StyleRole = highlight ? .selection : .dim
        if highlight { canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
        var x = canvas.put(selected ? "▶ " : "  ", x: area.x, y: y, role: role, clip: area)
        x = canvas.put(TextFit.pad("#\(i.id)", 5), x: x, y: y, role: role, clip: area)
        x = canvas.put(TextFit.pad(i.severity.description, 5), x: x, y: y, role: highlight ? .selection : Self.role(i.severity), bold: true, clip: area)
        var titleLeft = titleWidth
        if linkedFiring > 0 {
            let badge = "⚑\(linkedFiring) "
            x = canvas.put(badge, x: x, y: y, role: highlight ? .selection : .stateCritical, bold: true, clip: area)
            titleLeft = max(0, titleWidth - CellWidth.of(badge))
        }
        var title = TextSanitizer.displayable(i.title)
        if let service = i.service { title += " [" + TextSanitizer.displayable(service) + "]" }
        x = canvas.put(TextFit.pad(title, titleLeft), x: x, y: y, role: role, bold: selected, clip: area)
        if shown.contains(.status) { x = canvas.put(" " + TextFit.pad(i.status.rawValue, Column.status.width - 2) + " ", x: x, y: y, role: dim, clip: area) }
        if shown.contains(.commander) {
            x = canvas.put(TextFit.pad("@" + TextSanitizer.displayable(i.commander ?? "none"), Column.commander.width), x: x, y: y, role: dim, clip: area)
        }
        if shown.contains(.age) { x = canvas.put(TextFit.padLeft(DurationText.compact(now.timeIntervalSince(i.declaredAt)), Column.age.width - 1) + " ", x: x, y: y, role: dim, clip: area) }
        if shown.contains(.lastUpdate) {
            let last = i.lastUpdateAt.map { "upd " + DurationText.compact(now.timeIntervalSince($0)) + " ago" } ?? "no update"
            x = canvas.put(" " + TextFit.pad(last, Column.lastUpdate.width - 1), x: x, y: y, role: dim, clip: area)
        }
        if shown.contains(.due) {
            let due = UpdateDue(incident: i, now: now, cadence: cadence)
            let text = due.text.replacingOccurrences(of: "update due in", with: "due in")
            canvas.put(" " + TextFit.pad(text, Column.due.width - 1), x: x, y: y,
                       role: due.isOverdue ? .overdue : dim, bold: due.isOverdue, clip: area)
        }
    }

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        guard scroll.handle(key, count: data.incidents.count, page: height) else { return false }
        scroll.following = false
        if data.incidents.indices.contains(scroll.selected) {
            try? data.select(incidentID: data.incidents[scroll.selected].id)
        }
        return true
    }

    static func role(_ s: CheckState) -> StyleRole {
        switch s {
        case .ok: return .stateOK
        case .warning: return .stateWarning
        case .critical: return .stateCritical
        case .unknown: return .stateUnknown
        }
    }

    static func role(_ s: Severity) -> StyleRole {
        switch s {
        case .sev1: return .sev1
        case .sev2: return .sev2
        case .sev3: return .sev3
        case .sev4: return .sev4
        }
    }
}
