import Foundation
import WarRoomCore

/// The war room without the terminal: panes, focus, modes, and what keys do.
/// It composes frames into a `Canvas`; the terminal backend only copies the
/// cells that changed. Tests drive it directly.
public final class WarRoomScreen {
    public enum Mode: Equatable {
        case normal, typing, prompting, help, confirmQuit
        case detail(title: String, lines: [String])
    }

    public let data: WarRoomData
    public let status = StatusBoardPane()
    public let alerts = AlertFeedPane()
    public let logs = LogTailPane()
    public let chat: ChatPane
    public let timeline = TimelinePane()
    public var panes: [Pane] { [status, alerts, logs, chat, timeline] }
    public private(set) var focus = 0
    public private(set) var mode: Mode = .normal
    /// The first line shown of a scrolling detail overlay.
    private var detailTop = 0
    public private(set) var message: (text: String, isError: Bool)?
    public private(set) var wantsQuit = false
    /// Why the database cannot be read and since when (nil while it can):
    /// the status line says so, under any passing message, until it clears.
    public var outage: (reason: String, since: Date)?
    /// A question asked on the status line (search term, silence duration …).
    struct Prompt {
        var label: String
        var editor = LineEditor()
        var answer: (String) -> Void
        /// The search prompt keeps its editor, for ↑ to recall earlier terms.
        var isSearch = false
        /// Why the last answer was refused (a bad matcher), shown before
        /// the label while the SRE fixes the text.
        var problem: String?
    }
    private var prompt: Prompt?
    /// Empty, holding the terms searched before: `/` starts a new term (as
    /// in less and lnav) and ↑ brings back the last one.
    private var searches = LineEditor()
    private let runner: ChatCommandRunner
    private let silencer: AlertSilencer?
    /// The alert filter as typed, for `f` to bring back to edit.
    private var alertFilterText = ""

    public init(data: WarRoomData, me: String = Author.current, silencer: AlertSilencer? = nil,
                logSources: AlertLogSources = AlertLogSources()) {
        self.data = data
        chat = ChatPane(me: me)
        logs.logSources = logSources
        runner = ChatCommandRunner(store: data.store)
        self.silencer = silencer
    }

    // What the last frame was, and which panes changed since.
    private var previous: Canvas?
    private var dirtyPanes: Set<Int> = []
    private var everythingDirty = true

    /// Marks the panes that show these topics for redrawing.
    public func invalidate(_ topics: Set<ChangeTopic>) {
        for (i, pane) in panes.enumerated() where !pane.topics.isDisjoint(with: topics) { dirtyPanes.insert(i) }
    }

    /// Marks the panes that show ages ("12m", "due in 4m") for redrawing.
    public func invalidateAges() {
        for (i, pane) in panes.enumerated() where pane.showsAge { dirtyPanes.insert(i) }
    }

    /// The next frame recomposes everything (after a key, a resize).
    public func invalidateAll() { everythingDirty = true }

    /// The frame to show: the last one with only the changed panes redrawn
    /// (and the header and status line, one row each), or a whole new one
    /// after a key, a resize or while an overlay is open.
    public func render(width: Int, height: Int, now: Date = Date()) -> Canvas {
        defer {
            dirtyPanes = []
            everythingDirty = false
        }
        let overlay: Bool
        switch mode {
        case .help, .detail: overlay = true
        default: overlay = false
        }
        guard !everythingDirty, !overlay, var canvas = previous, canvas.width == width, canvas.height == height,
              let layout = WarRoomLayout(width: width, height: height) else {
            let frame = compose(width: width, height: height, now: now)
            previous = frame
            return frame
        }
        drawHeader(into: &canvas, now: now)
        let rects = layout.rects
        for i in dirtyPanes.sorted() {
            panes[i].draw(into: &canvas, rect: rects[i], data: data, focused: i == focus, now: now)
        }
        drawStatusLine(into: &canvas, now: now)
        previous = canvas
        return canvas
    }

    /// The whole frame for a terminal of this size.
    public func compose(width: Int, height: Int, now: Date = Date()) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard let layout = WarRoomLayout(width: width, height: height) else {
            let lines = ["Terminal too small: \(width)×\(height).",
                         "warroom needs at least \(WarRoomLayout.minimumWidth)×\(WarRoomLayout.minimumHeight).",
                         "Enlarge the window; q quits."]
            for (i, line) in lines.enumerated() where i < height {
                canvas.put(TextFit.truncate(line, width), x: 0, y: i, role: i == 0 ? .statusError : .text, bold: i == 0)
            }
            return canvas
        }
        chat.typing = mode == .typing || mode == .confirmQuit
        drawHeader(into: &canvas, now: now)
        let rects = layout.rects
        for (i, pane) in panes.enumerated() {
            pane.draw(into: &canvas, rect: rects[i], data: data, focused: i == focus, now: now)
        }
        drawStatusLine(into: &canvas, now: now)
        switch mode {
        case .help: HelpOverlay.draw(into: &canvas)
        case .detail(let title, let lines): detailTop = DetailOverlay.draw(title: title, lines: lines, top: detailTop, into: &canvas)
        default: break
        }
        return canvas
    }

    /// Where the terminal cursor should be shown, if anywhere.
    public var cursor: (x: Int, y: Int)? {
        switch mode {
        case .typing: return chat.cursorPosition
        case .prompting: return promptCursor
        default: return nil
        }
    }

    private func drawHeader(into canvas: inout Canvas, now: Date) {
        canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: 1), role: .header)
        var x = canvas.put(" warroom ", x: 0, y: 0, role: .header, bold: true)
        if let i = data.selectedIncident {
            x = canvas.put("#\(i.id) \(i.severity) \(i.status.rawValue) · ", x: x, y: 0, role: .header, bold: true)
            x = canvas.put(TextFit.truncate(TextSanitizer.displayable(i.title), max(10, canvas.width - x - 40)), x: x, y: 0, role: .header)
        }
        let open = data.incidents.count
        let right = "\(open) open · \(TextSanitizer.displayable(chat.me)) · \(String(TimeText.short(now, now: now).prefix(5))) "
        canvas.put(right, x: max(x + 1, canvas.width - CellWidth.of(right)), y: 0, role: .header)
    }

    private func drawStatusLine(into canvas: inout Canvas, now: Date) {
        let y = canvas.height - 1
        canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), role: .statusBar)
        let text: String
        var role = StyleRole.statusBar
        switch mode {
        case .prompting:
            var label = prompt?.label ?? ""
            if let problem = prompt?.problem {
                label = TextFit.truncate(TextSanitizer.displayable(problem), canvas.width / 2) + " · " + label
                role = .statusError
            }
            let (visible, cursorColumn) = prompt?.editor.window(width: max(1, canvas.width - CellWidth.of(label) - 3)) ?? ("", 0)
            text = label + visible
            promptCursor = (1 + CellWidth.of(label) + cursorColumn, y)
        case .confirmQuit:
            text = "You have unsent text. Quit anyway? y/n"
            role = .statusError
        default:
            if let message {
                text = message.text
                role = message.isError ? .statusError : .statusBar
            } else if let outage {
                text = OutageLine.text(reason: outage.reason, since: outage.since, now: now)
                role = .statusError
            } else {
                text = "? help · Tab focus · 4 chat · a ack · p pin · L logs · / search · :report · q quit"
            }
        }
        canvas.put(" " + TextFit.truncate(TextSanitizer.displayable(text), canvas.width - 2), x: 0, y: y, role: role, bold: role == .statusError)
    }


    public func say(_ text: String, error: Bool = false) { message = (text, error) }

    // MARK: - Keys

    public func handle(_ key: Key) {
        if key == .resize { return }
        switch mode {
        case .detail:
            // Long details (the :report view) scroll; any other key closes.
            switch key {
            case .up, .char("k"): detailTop = max(0, detailTop - 1)
            case .down, .char("j"): detailTop += 1
            case .pageUp: detailTop = max(0, detailTop - 10)
            case .pageDown, .char(" "): detailTop += 10
            case .home, .char("g"): detailTop = 0
            default: mode = .normal
            }
            return
        case .help:
            mode = .normal
            return
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") { wantsQuit = true } else { mode = .typing }
            return
        case .prompting:
            handlePrompt(key)
            return
        case .typing:
            handleTyping(key)
            return
        case .normal:
            handleNormal(key)
        }
    }

    private func handleNormal(_ key: Key) {
        message = nil
        switch key {
        case .char("q"), .ctrl("c"): wantsQuit = true
        case .char("?"), .function(1): mode = .help
        case .tab: moveFocus(to: (focus + 1) % panes.count)
        case .backTab: moveFocus(to: (focus + panes.count - 1) % panes.count)
        case .char(let c) where ("1"..."5").contains(c): moveFocus(to: Int(String(c))! - 1)
        case .char(":"):
            // The input line, starting a `:` command (`:report`); Backspace
            // turns it into a plain chat line.
            focus = 3
            mode = .typing
            _ = chat.editor.handle(.char(":"))
        case .char("/"):
            focus = 2
            prompt = Prompt(label: "search logs: ", editor: searches, answer: { [unowned self] term in self.search(term) }, isSearch: true)
            mode = .prompting
        case .char("s"): silenceSelected()
        case .char("f") where focus == 1: askAlertFilter(initial: data.alertFilter == nil ? "" : alertFilterText)
        case .escape where focus == 1 && data.alertFilter != nil: applyAlertFilter(nil)
        case .enter: openDetail()
        case .char("a"): ackSelected()
        case .char("p"): pinSelected()
        case .char("L") where focus == 1: showLogsAroundSelected()
        default:
            if !panes[focus].handle(key, data: data), focus == 3, case .char = key {
                mode = .typing
                handleTyping(key)
            }
        }
    }

    /// Focusing the chat opens its input line, so a word that starts with
    /// q is typed, not taken as "quit".
    private func moveFocus(to pane: Int) {
        focus = pane
        if focus == 3 { mode = .typing }
    }

    private func handleTyping(_ key: Key) {
        switch key {
        case .escape:
            mode = .normal
        case .ctrl("c"):
            if chat.editor.isEmpty { wantsQuit = true } else { mode = .confirmQuit }
        case .tab, .backTab:
            mode = .normal
            handleNormal(key)
        case .pageUp, .pageDown:
            _ = chat.handle(key, data: data)
        default:
            switch chat.editor.handle(key) {
            case .submitted(let line):
                message = nil
                run(line)
                // A refused line (too long, `/sev 0`) stays for editing.
                if message?.isError == true { chat.editor.set(line) }
            case .full:
                say("the line is full (\(chat.editor.limit / 1024) KiB): send it, or shorten it first", error: true)
            default:
                break
            }
        }
    }

    private var promptCursor: (x: Int, y: Int)?

    private func ask(_ label: String, initial: String = "", answer: @escaping (String) -> Void) {
        var p = Prompt(label: label, answer: answer)
        p.editor.set(initial)
        prompt = p
        mode = .prompting
    }

    private func handlePrompt(_ key: Key) {
        guard var p = prompt else { mode = .normal; return }
        switch key {
        case .escape, .ctrl("c"):
            prompt = nil
            mode = .normal
        default:
            let outcome = p.editor.handle(key)
            prompt = p
            if case .submitted(let text) = outcome {
                if p.isSearch { searches = p.editor }
                prompt = nil
                mode = .normal
                p.answer(text)
            }
        }
    }

    private func search(_ term: String) {
        logs.setSearch(term, data: data)
        if !term.isEmpty, logs.selected(data)?.text.range(of: term, options: .caseInsensitive) == nil {
            say("not found: \(term)", error: true)
        }
    }

    /// `s`: how long, then why; then a real silence at the source. On a
    /// group row, one silence with the group's matchers, which the first
    /// question shows before anything is created.
    private func silenceSelected() {
        let group = focus == 1 ? alerts.selectedGroup(data) : nil
        guard focus == 1, group != nil || alerts.selected(data) != nil else {
            return say("select an alert first (2, then ↑↓)", error: true)
        }
        guard let silencer else {
            return say("no Alertmanager to silence in: start warroom with WARROOM_ALERTMANAGER=http://host:9093", error: true)
        }
        let incident = data.selectedIncidentID
        if let group {
            return askSilence("silence all \(group.count) with \(group.matcherText) for (e.g. 30m, 2h): ") { duration, comment in
                let done = try silencer.silence(group: group, duration: duration, comment: comment, incidentID: incident)
                return "silenced \(done.changed) alerts of \(group.title) with one silence (\(group.matcherText))"
            }
        }
        guard let alert = alerts.selected(data) else { return }
        let name = TextSanitizer.displayable(alert.name)
        askSilence("silence \(name) for (e.g. 30m, 2h): ") { duration, comment in
            let silenced = try silencer.silence(alertID: alert.id, duration: duration, comment: comment, incidentID: incident)
            return "silenced \(name) until \(TimeText.short(silenced.silencedUntil ?? Date()))"
        }
    }

    /// How long, then why; then `create`, whose answer or error goes to
    /// the status line.
    private func askSilence(_ question: String, create: @escaping (String, String) throws -> String) {
        ask(question, initial: "2h") { [unowned self] duration in
            self.ask("why (required, goes to Alertmanager): ") { comment in
                do {
                    self.say(try create(duration, comment))
                } catch {
                    self.say("\(error)", error: true)
                }
            }
        }
    }

    /// `f` in the alert pane: an Alertmanager matcher list. A bad one is
    /// refused with its position and reason, and the prompt opens again
    /// holding the typed text to fix; an empty one clears the filter.
    private func askAlertFilter(initial: String, problem: String? = nil) {
        ask("filter alerts: ", initial: initial) { [unowned self] text in
            do {
                let filter = try AlertMatchers(parsing: text)
                self.alertFilterText = text
                self.applyAlertFilter(filter.isEmpty ? nil : filter)
            } catch {
                self.say("bad filter: \(error)", error: true)
                self.askAlertFilter(initial: text, problem: "\(error)")
            }
        }
        prompt?.problem = problem
    }

    private func applyAlertFilter(_ filter: AlertMatchers?) {
        do {
            try data.setAlertFilter(filter)
            alerts.scroll = ScrollState(following: false)
            invalidate([.alerts])
            let groups = data.alertGroups.count
            say(filter.map {
                "alerts filtered by \($0): \(data.matchingFiringCount) of \(data.firingAlertCount) firing in \(groups) group\(groups == 1 ? "" : "s")"
            } ?? "alert filter cleared")
        } catch {
            say("the alerts could not be read: \(error)", error: true)
        }
    }

    private func openDetail() {
        let now = Date()
        if focus == 1, let g = alerts.selectedGroup(data) {
            // Enter on a group opens it (or closes it again).
            alerts.setExpanded(!alerts.expanded.contains(g.key), data: data)
        } else if focus == 1, let a = alerts.selected(data) {
            // The feed leaves annotations unread; the detail shows them.
            let (t, l) = DetailOverlay.lines(for: (try? data.store.alert(a.id)) ?? a, now: now)
            mode = .detail(title: t, lines: l)
        } else if focus == 2, let line = logs.selected(data) {
            let (t, l) = DetailOverlay.lines(for: line)
            mode = .detail(title: t, lines: l)
        }
    }

    /// `L` on an alert: the log pane shows the lines around its start. On a
    /// group: around its first member's start (where the storm began), from
    /// the sources any member names.
    private func showLogsAroundSelected() {
        let subject: AlertLogWindow.Subject
        if let g = alerts.selectedGroup(data) {
            subject = AlertLogWindow.Subject(group: g.title, members: g.members)
        } else if let alert = alerts.selected(data) {
            subject = AlertLogWindow.Subject(alert: alert)
        } else {
            return say("select an alert first (2, then ↑↓)", error: true)
        }
        do {
            let window = try AlertLogWindow.load(store: data.store, subject: subject, mapping: logs.logSources)
            logs.show(window)
            focus = 2
            say(window.note ?? "logs around \(TextSanitizer.displayable(subject.name)): + wider, - narrower, F follows again",
                error: window.note != nil)
        } catch {
            say("\(error)", error: true)
        }
    }

    /// `a`: acknowledges the selected alert, or every alert of the
    /// selected group (one transaction, one timeline event).
    private func ackSelected() {
        if focus == 1, let g = alerts.selectedGroup(data) {
            do {
                let done = try data.store.ackAlerts(ids: g.members.map(\.id), incidentID: data.selectedIncidentID, group: g.title)
                let already = done.skipped > 0 ? " (\(done.skipped) already were)" : ""
                return say(done.changed == 0 ? "every alert of \(g.title) was already acknowledged"
                           : "acknowledged \(done.changed) alerts of \(g.title)\(already)")
            } catch {
                return say("\(error)", error: true)
            }
        }
        guard focus == 1, let a = alerts.selected(data) else { return say("select an alert first (2, then ↑↓)", error: true) }
        run("/ack \(a.id)")
    }

    /// `/link` on a group row: every alert of the group, to the selected
    /// (or named) incident, in one transaction and one timeline line.
    private func linkGroup(_ g: AlertGroup, to incidentID: Int64?) {
        guard let incidentID else { return say("/link needs an incident: select one on the status board, or /link ALERT INCIDENT", error: true) }
        do {
            let done = try data.store.linkAlerts(ids: g.members.map(\.id), incidentID: incidentID, group: g.title)
            let already = done.skipped > 0 ? " (\(done.skipped) already were)" : ""
            say(done.changed == 0 ? "every alert of \(g.title) is already linked to #\(incidentID)"
                : "linked \(done.changed) alerts of \(g.title) to #\(incidentID)\(already)")
        } catch {
            say("\(error)", error: true)
        }
    }

    /// `p`: pins the selected alert (or log line); a group has no single
    /// alert to pin.
    private func pinSelected() {
        if focus == 1, let g = alerts.selectedGroup(data) {
            return say("p pins one alert: open \(g.title) with → and choose one", error: true)
        }
        run("/pin")
    }

    /// `:report [90d]`: the trends for leads, in a scrolling overlay. Views
    /// only read; they never reach the timeline. Which `:` lines are
    /// commands and which are chat (":+1:") is `ViewCommand`'s to say.
    private func runViewCommand(_ command: ViewCommand) {
        switch command {
        case .report(let seconds):
            showReport(seconds: seconds)
        }
    }

    private func showReport(seconds: TimeInterval) {
        do {
            let now = Date()
            let report = try TrendReport.build(store: data.store, since: now.addingTimeInterval(-seconds), now: now)
            detailTop = 0
            mode = .detail(title: "Trends — last \(ReportText.period(report))  (↑↓ PgUp PgDn scroll, Esc closes)",
                           lines: ReportText.text(report).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        } catch {
            say("the report failed: \(error)", error: true)
        }
    }

    /// Sends a chat line or a slash command through the store.
    public func run(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        do {
            if let command = try ViewCommand.parse(line) { return runViewCommand(command) }
        } catch {
            return say("\(error)", error: true)
        }
        if focus == 1, let g = alerts.selectedGroup(data), let command = try? SlashCommand.parse(trimmed) {
            // `/link` and `/unlink` without an alert act on the selected
            // alert; a group row has none, so say so rather than act on none.
            switch command {
            case .link(nil, let named):
                return linkGroup(g, to: named ?? data.selectedIncidentID)
            case .unlink(nil):
                return say("/unlink acts on one alert: open \(g.title) with → and choose one, or name it", error: true)
            default: break
            }
        }
        let context = ChatContext(
            incidentID: data.selectedIncidentID,
            selectedAlertID: focus == 1 ? alerts.selected(data)?.id : nil,
            selectedLogLineID: focus == 2 ? logs.selected(data)?.id : nil)
        do {
            let outcome = try runner.perform(trimmed, context: context)
            message = trimmed.hasPrefix("/") ? (outcome.message, false) : nil
            if trimmed.hasPrefix("/declare"), let id = outcome.incidentID {
                // The new incident is what the room now talks about.
                try data.reload([.incidents])
                try data.select(incidentID: id)
            }
            chat.scroll.following = true
        } catch let error as WarRoomError {
            say(error.description, error: true)
        } catch {
            say("\(error)", error: true)
        }
    }
}
