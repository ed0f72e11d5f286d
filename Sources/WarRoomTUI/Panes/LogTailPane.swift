import Foundation
import WarRoomCore

/// The log tail: follows new lines, scrolls back, searches with `/` and
/// n/N (matches highlighted), colours levels, filters by source with `f`.
/// After `L` on an alert it holds the lines around the alert's start
/// instead (`AlertLogWindow`, the nearest line marked ▶); `+`/`-` widen
/// and narrow that window, `F` returns to following the tail.
public final class LogTailPane: Pane {
    public let id = PaneID.logs
    public let topics: Set<ChangeTopic> = [.logs]
    public var scroll = ScrollState(following: true)
    public private(set) var search: String?
    public private(set) var sourceFilter: String?
    /// The lines around an alert, while the pane shows them.
    public private(set) var around: AlertLogWindow?
    /// Which log sources an alert's labels name (the config's `log_sources_for_alerts`).
    public var logSources = AlertLogSources()
    private var height = 1

    public init() {}

    /// Shows the lines around an alert's start, the marked one selected.
    public func show(_ window: AlertLogWindow) {
        around = window
        scroll = ScrollState(following: false)
        scroll.selected = window.marked ?? 0
        scroll.top = max(0, scroll.selected - height / 2)
    }

    public func visible(_ data: WarRoomData) -> [LogLine] {
        if let around { return around.lines }
        guard let sourceFilter else { return data.logs }
        return data.logs.filter { $0.source == sourceFilter }
    }

    public func selected(_ data: WarRoomData) -> LogLine? {
        let lines = visible(data)
        return lines.indices.contains(scroll.selected) ? lines[scroll.selected] : nil
    }

    public func setSearch(_ term: String?, data: WarRoomData) {
        search = term.flatMap { $0.isEmpty ? nil : $0 }
        if search != nil { _ = jumpToMatch(forward: false, data: data, includeCurrent: true) }
    }

    public func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date) {
        let lines = visible(data)
        var t = id.boxTitle()
        if let around {
            t += " · " + around.title() + " · \(scroll.selected + 1)/\(lines.count)"
        } else {
            if let sourceFilter { t += " · " + TextSanitizer.displayable(sourceFilter) }
            t += scroll.following ? " · follow" : " · \(scroll.selected + 1)/\(lines.count)"
        }
        if let search { t += " · /" + TextSanitizer.displayable(search) }
        canvas.box(rect, title: t, focused: focused)
        let r = rect.inner
        canvas.fill(r)
        height = r.height
        guard r.height > 0 else { return }
        if lines.isEmpty, around != nil {
            canvas.put("No log lines in this window: + widens it, F follows the tail again.", x: r.x, y: r.y, role: .dim, clip: r)
            return
        }
        if lines.isEmpty {
            canvas.put(sourceFilter == nil ? "No log lines yet: pipe some in with `warroom ingest --source NAME`." : "No lines from this source.",
                       x: r.x, y: r.y, role: .dim, clip: r)
            return
        }
        scroll.clamp(count: lines.count, height: r.height)
        // Measured over every line held, not the rows on screen: the text
        // column stays put while a search (or scrolling) moves the rows.
        let sourceWidth = min(10, max(4, lines.lazy.map { $0.source.count }.max() ?? 4))
        for (row, line) in lines.enumerated().dropFirst(scroll.top).prefix(r.height) {
            let y = r.y + row - scroll.top
            let cursor = focused && !scroll.following && row == scroll.selected
            if cursor { canvas.fill(Rect(x: r.x, y: y, width: r.width, height: 1), role: .selection) }
            let levelRole = cursor ? .selection : Self.role(line.level)
            var x = r.x
            if let around {
                let mark = row == around.marked
                x = canvas.put(mark ? "▶ " : "  ", x: x, y: y, role: cursor ? .selection : .highlight, bold: mark, clip: r)
            }
            x = canvas.put(TimeText.short(line.at, now: now) + " ", x: x, y: y, role: cursor ? .selection : .dim, clip: r)
            x = canvas.put(TextFit.pad(TextSanitizer.displayable(line.source), sourceWidth) + " ", x: x, y: y, role: cursor ? .selection : .dim, clip: r)
            drawHighlighted(TextSanitizer.displayable(line.text), into: &canvas, x: x, y: y, role: levelRole, area: r)
        }
    }

    private func drawHighlighted(_ text: String, into canvas: inout Canvas, x: Int, y: Int, role: StyleRole, area: Rect) {
        guard let search, !search.isEmpty else {
            canvas.put(text, x: x, y: y, role: role, clip: area)
            return
        }
        var col = x
        var rest = Substring(text)
        while let hit = rest.range(of: search, options: .caseInsensitive) {
            col = canvas.put(String(rest[..<hit.lowerBound]), x: col, y: y, role: role, clip: area)
            col = canvas.put(String(rest[hit]), x: col, y: y, role: .highlight, bold: true, clip: area)
            rest = rest[hit.upperBound...]
            if col >= area.maxX { return }
        }
        canvas.put(String(rest), x: col, y: y, role: role, clip: area)
    }

    public func handle(_ key: Key, data: WarRoomData) -> Bool {
        let count = visible(data).count
        if scroll.handle(key, count: count, page: height) { return true }
        switch key {
        case .char("n"): return jumpToMatch(forward: true, data: data)
        case .char("N"): return jumpToMatch(forward: false, data: data)
        case .char("+"), .char("-"):
            guard let around else { return false }
            if let resized = try? around.resized(wider: key == .char("+"), store: data.store, mapping: logSources) { show(resized) }
            return true
        case .char("f"):
            around = nil
            let sources = Array(Set(data.logs.map(\.source))).sorted()
            if let current = sourceFilter, let i = sources.firstIndex(of: current) {
                sourceFilter = i + 1 < sources.count ? sources[i + 1] : nil
            } else {
                sourceFilter = sources.first
            }
            scroll = ScrollState(following: true)
            return true
        case .char("F"):
            around = nil
            scroll.following = true
            return true
        default:
            return false
        }
    }

    /// Moves the cursor to the next (or previous) line containing the search.
    @discardableResult
    func jumpToMatch(forward: Bool, data: WarRoomData, includeCurrent: Bool = false) -> Bool {
        guard let search else { return false }
        let lines = visible(data)
        guard !lines.isEmpty else { return false }
        let start = scroll.following ? lines.count - 1 : scroll.selected
        var i = includeCurrent ? start : start + (forward ? 1 : -1)
        while i >= 0, i < lines.count {
            if lines[i].text.range(of: search, options: .caseInsensitive) != nil {
                scroll.selected = i
                scroll.following = false
                return true
            }
            i += forward ? 1 : -1
        }
        return true
    }

    static func role(_ level: LogLevel) -> StyleRole {
        switch level {
        case .critical, .error: return .logError
        case .warning: return .logWarning
        case .debug, .trace: return .logDebug
        default: return .text
        }
    }
}
