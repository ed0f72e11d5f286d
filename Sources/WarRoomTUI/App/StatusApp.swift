import Foundation
import WarRoomCore

/// `warroom status` on a terminal: the status snapshot, live, read-only,
/// with the executive brief of the selected incident (Tab chooses) at the
/// bottom. The store is opened read-only by the caller; this view has no
/// key that writes and no input line. It refreshes on every change the feed reports
/// and once a minute, and exits on q, Ctrl-C, SIGTERM or SIGHUP (an SSH
/// client going away).
public enum StatusApp {
    public static func run(store: WarRoomStore, theme: Theme) throws {
        let feed = try ChangeFeed(store: store)
        feed.start()
        defer { feed.stop() }
        let terminal = try CursesTerminal(theme: theme)
        defer { terminal.restore() }
        let stop = TerminationSignals.install()
        var snapshot = try StatusSnapshot.build(store: store)
        var selected = snapshot.incidents.first?.id
        var brief = try Self.brief(of: selected, store: store)
        var top = 0
        var help = false
        var needsDraw = true
        var minute = Int(Date().timeIntervalSince1970 / 60)
        var second = 0
        // Why the picture is stale (the server unreachable) and since when.
        var outage: (reason: String, since: Date)?
        var rebuildFailed: (reason: String, since: Date)?
        var failedAt = Date.distantPast
        while !stop.requested {
            let nowMinute = Int(Date().timeIntervalSince1970 / 60)
            let nowSecond = Int(Date().timeIntervalSince1970)
            // The feed checks in the background: a server that went away
            // never stalls the keys. A rebuild that failed is tried again
            // once a second, since the feed reports a change only once.
            let trouble = feed.trouble
            let changed = !feed.takeChanges().isEmpty
            let retry = rebuildFailed != nil && Date().timeIntervalSince(failedAt) >= 1
            if trouble == nil, changed || nowMinute != minute || retry {
                minute = nowMinute
                do {
                    snapshot = try StatusSnapshot.build(store: store)
                    rebuildFailed = nil
                } catch {
                    failedAt = Date()
                    rebuildFailed = (reason: OutageLine.reason(error), since: rebuildFailed?.since ?? failedAt)
                }
                if !snapshot.incidents.contains(where: { $0.id == selected }) { selected = snapshot.incidents.first?.id }
                if let fresh = try? Self.brief(of: selected, store: store) as String?? { brief = fresh }
                needsDraw = true
            } else if trouble != nil, changed {
                rebuildFailed = rebuildFailed ?? (reason: trouble!.text, since: trouble!.since)
                failedAt = .distantPast
            }
            let now = trouble.map { (reason: $0.text, since: $0.since) } ?? rebuildFailed
            if now?.reason != outage?.reason || (now == nil) != (outage == nil) || (now != nil && nowSecond != second) {
                outage = now
                second = nowSecond
                needsDraw = true
            }
            if needsDraw {
                let size = terminal.size
                terminal.draw(frame(snapshot, width: size.width, height: size.height, top: top, help: help,
                                    selected: selected, brief: brief, outage: outage), cursor: nil)
                needsDraw = false
            }
            guard let key = terminal.readKey(timeoutMs: 50) else { continue }
            switch key {
            case .char("q"), .ctrl("c"), .hangup: return
            case .char("?"): help.toggle()
            case .up, .char("k"): top = max(0, top - 1)
            case .down, .char("j"): top += 1
            case .home, .char("g"): top = 0
            case .tab, .char("n"), .backTab, .char("p"):
                let ids = snapshot.incidents.map(\.id)
                if let at = ids.firstIndex(where: { $0 == selected }), !ids.isEmpty {
                    let step = key == .tab || key == .char("n") ? 1 : ids.count - 1
                    selected = ids[(at + step) % ids.count]
                    brief = (try? Self.brief(of: selected, store: store)) ?? nil
                }
            case .resize: terminal.invalidate()
            default: help = false
            }
            needsDraw = true
        }
    }

    /// One frame of the live view: a header with the READ-ONLY badge, then
    /// the text form of the snapshot, coloured by what each line says.
    /// The brief for executives of an incident, as `warroom brief` writes it.
    static func brief(of id: Int64?, store: WarRoomStore) throws -> String? {
        guard let id, let incident = try store.incident(id) else { return nil }
        let latest = try store.timeline(incidentID: id, kinds: [.statusUpdate], limit: 1).last?.body
        return ExecutiveBrief.write(incident: incident, latestUpdate: latest, cadence: try store.updateCadence())
    }

    public static func frame(_ snapshot: StatusSnapshot, width: Int, height: Int, top: Int = 0, help: Bool = false,
                             selected: Int64? = nil, brief: String? = nil,
                             outage: (reason: String, since: Date)? = nil, now: Date = Date()) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard height > 2 else { return canvas }
        // A stale picture says so on the bottom row, above everything else.
        let bottom = outage == nil ? height : height - 1
        if let outage {
            canvas.fill(Rect(x: 0, y: height - 1, width: width, height: 1), role: .statusError)
            let line = OutageLine.text(reason: outage.reason, since: outage.since, now: now)
            canvas.put(" " + TextFit.truncate(TextSanitizer.displayable(line), width - 2), x: 0, y: height - 1, role: .statusError, bold: true)
        }
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .header)
        var x = canvas.put(" warroom status ", x: 0, y: 0, role: .header, bold: true)
        x = canvas.put(" READ-ONLY ", x: x, y: 0, role: .readOnlyBadge, bold: true)
        canvas.put("  q quit · ? help · ↑↓ scroll · Tab next incident", x: x, y: 0, role: .header)
        let lines = StatusText.lines(snapshot).dropFirst(2)
        // The brief of the selected incident takes the bottom rows, when
        // the screen has room for it and the snapshot above.
        var briefRows: [String] = []
        if let brief, let id = selected, height >= 16, width >= 40 {
            briefRows = TextFit.wrap(brief, width - 4)
            briefRows = Array(briefRows.prefix(max(2, min(8, height / 3 - 2))))
            let box = Rect(x: 0, y: bottom - briefRows.count - 2, width: width, height: briefRows.count + 2)
            canvas.box(box, title: "Brief for executives · #\(id) (warroom brief \(id))", focused: false)
            for (i, line) in briefRows.enumerated() { canvas.put(line, x: 2, y: box.y + 1 + i, role: .text, clip: box.inner) }
        }
        let body = Rect(x: 1, y: 1, width: width - 1, height: bottom - 1 - (briefRows.isEmpty ? 0 : briefRows.count + 2))
        for (row, line) in lines.dropFirst(min(top, max(0, lines.count - 1))).prefix(body.height).enumerated() {
            var chosen = false
            if case .incident(let id, _, _) = line.kind { chosen = id == selected }
            if chosen { canvas.fill(Rect(x: 0, y: body.y + row, width: width, height: 1), role: .selection) }
            canvas.put(line.text, x: body.x, y: body.y + row, role: chosen ? .selection : role(of: line.kind),
                       bold: isBold(line.kind), clip: body)
        }
        if help {
            let text = ["This view is read-only: nothing here can change the war room.", "",
                        "  ↑↓ j k   scroll", "  g        back to the top", "  Tab n p  the incident whose brief shows below",
                        "  q        quit", "", "Any key closes this help."]
            let rect = Rect(x: max(0, (width - 66) / 2), y: max(1, (height - 10) / 2), width: min(width, 66), height: min(height - 1, 10))
            canvas.fill(rect, role: .help)
            canvas.box(rect, title: "Help", focused: true)
            for (i, line) in text.enumerated() { canvas.put(line, x: rect.x + 2, y: rect.y + 1 + i, role: .help, clip: rect.inner) }
        }
        return canvas
    }

    /// The colour of a line, from what it is about.
    static func role(of kind: StatusText.Line.Kind) -> StyleRole {
        switch kind {
        case .heading: return .title
        case .incident(_, _, overdue: true), .incidentFacts(overdue: true): return .overdue
        case .incident(_, let severity, _): return StatusBoardPane.role(severity)
        case .state(let state): return StatusBoardPane.role(state)
        case .incidentFacts, .plain: return .text
        }
    }

    static func isBold(_ kind: StatusText.Line.Kind) -> Bool {
        switch kind {
        case .heading, .incident: return true
        default: return false
        }
    }
}
