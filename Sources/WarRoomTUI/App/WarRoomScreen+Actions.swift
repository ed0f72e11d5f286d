import Foundation
import WarRoomCore

/// What the keys do to the war room: acknowledge, silence, pin, filter,
/// search, open details and views, and send what was typed. Each says
/// what it did (or why not) on the status line.
extension WarRoomScreen {
    /// `/`: a new search term in the log pane.
    func askSearch() {
        focus = .logs
        prompt = ScreenPrompt(label: "search logs: ", editor: searches, answer: { [unowned self] term in self.search(term) }, isSearch: true)
        mode = .prompting
    }

    /// An empty term clears the search and its highlights, and says so.
    func search(_ term: String) {
        let had = logs.search != nil
        logs.setSearch(term, data: data)
        if term.isEmpty {
            if had { say("search cleared") }
        } else if logs.selected(data)?.text.range(of: term, options: .caseInsensitive) == nil {
            say("not found: \(term)", error: true)
        }
    }

    /// `m`: the last status-line message, whole, wrapped in an overlay.
    func showLastMessage() {
        guard let last = lastMessage else { return say("no message yet") }
        detailTop = 0
        mode = .detail(title: last.isError ? "Last message (an error)" : "Last message",
                       lines: TextFit.wrap(TextSanitizer.displayable(last.text), 76))
    }

    private func selectAlertFirst() { say("select an alert first (\(PaneID.alerts.key), then ↑↓)", error: true) }

    /// `s`: how long, then why; then a real silence at the source. On a
    /// group row, one silence with the group's matchers, which the first
    /// question shows before anything is created.
    func silenceSelected() {
        let group = focus == .alerts ? alerts.selectedGroup(data) : nil
        guard focus == .alerts, group != nil || alerts.selected(data) != nil else { return selectAlertFirst() }
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
    func askAlertFilter(initial: String, problem: String? = nil) {
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

    func applyAlertFilter(_ filter: AlertMatchers?) {
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

    /// Enter: the details of what is selected in the focused pane.
    func openDetail() {
        let now = Date()
        if focus == .alerts, let g = alerts.selectedGroup(data) {
            // Enter on a group opens it (or closes it again).
            alerts.setExpanded(!alerts.expanded.contains(g.key), data: data)
        } else if focus == .alerts, let a = alerts.selected(data) {
            // The feed leaves annotations unread; the detail shows them.
            let (t, l) = DetailOverlay.lines(for: (try? data.store.alert(a.id)) ?? a, now: now)
            mode = .detail(title: t, lines: l)
        } else if focus == .logs, let line = logs.selected(data) {
            let (t, l) = DetailOverlay.lines(for: line)
            mode = .detail(title: t, lines: l)
        }
    }

    /// `L` on an alert: the log pane shows the lines around its start. On a
    /// group: around its first member's start (where the storm began), from
    /// the sources any member names.
    func showLogsAroundSelected() {
        let subject: AlertLogWindow.Subject
        if let g = alerts.selectedGroup(data) {
            subject = AlertLogWindow.Subject(group: g.title, members: g.members)
        } else if let alert = alerts.selected(data) {
            subject = AlertLogWindow.Subject(alert: alert)
        } else {
            return selectAlertFirst()
        }
        do {
            let window = try AlertLogWindow.load(store: data.store, subject: subject, mapping: logs.logSources)
            logs.show(window)
            focus = .logs
            say(window.note ?? "logs around \(TextSanitizer.displayable(subject.name)): + wider, - narrower, F follows again",
                error: window.note != nil)
        } catch {
            say("\(error)", error: true)
        }
    }

    /// `a`: acknowledges the selected alert, or every alert of the
    /// selected group (one transaction, one timeline event).
    func ackSelected() {
        if focus == .alerts, let g = alerts.selectedGroup(data) {
            do {
                let done = try data.store.ackAlerts(ids: g.members.map(\.id), incidentID: data.selectedIncidentID, group: g.title)
                let already = done.skipped > 0 ? " (\(done.skipped) already were)" : ""
                return say(done.changed == 0 ? "every alert of \(g.title) was already acknowledged"
                           : "acknowledged \(done.changed) alerts of \(g.title)\(already)")
            } catch {
                return say("\(error)", error: true)
            }
        }
        guard focus == .alerts, let a = alerts.selected(data) else { return selectAlertFirst() }
        submit("/ack \(a.id)")
    }

    /// `p`: pins the selected alert (or log line); a group has no single
    /// alert to pin.
    func pinSelected() {
        if focus == .alerts, let g = alerts.selectedGroup(data) {
            return say("p pins one alert: open \(g.title) with → and choose one", error: true)
        }
        submit("/pin")
    }

    /// `:report [90d]`: the trends for leads, in a scrolling overlay. Views
    /// only read; they never reach the timeline. Which `:` lines are
    /// commands and which are chat (":+1:") is `ViewCommand`'s to say.
    private func open(_ view: ViewCommand) {
        switch view {
        case .report(let seconds):
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
    }

    /// What is selected on screen, for the line being sent.
    private var context: ChatContext {
        let group = focus == .alerts ? alerts.selectedGroup(data) : nil
        return ChatContext(
            incidentID: data.selectedIncidentID,
            selectedAlertID: focus == .alerts ? alerts.selected(data)?.id : nil,
            selectedLogLineID: focus == .logs ? logs.selected(data)?.id : nil,
            selectedGroup: group.map { ChatContext.AlertGroupChoice(title: $0.title, alertIDs: $0.members.map(\.id)) })
    }

    /// Sends a chat line, a slash command or a view command (as typed),
    /// then does what its outcome says.
    public func submit(_ line: String) {
        do {
            let outcome = try runner.perform(line, context: context)
            if !outcome.message.isEmpty { say(outcome.message) }
            switch outcome.next {
            case .stay: break
            case .select(let id):
                // The new incident is what the room now talks about.
                try data.reload([.incidents])
                try data.select(incidentID: id)
            case .open(let view):
                return open(view)
            }
            chat.scroll.following = true
        } catch let error as WarRoomError {
            say(error.description, error: true)
        } catch {
            say("\(error)", error: true)
        }
    }
}
