import Foundation
import WarRoomCore

/// The war room's main loop. One thread owns the terminal: each turn it asks
/// the change feed what changed (one pragma when nothing did), reloads only
/// that, redraws only if something changed, and waits up to 50 ms for a key.
public enum WarRoomApp {
    /// `notice` is shown on the status line at start (a config problem);
    /// `notices` is asked each turn for news from background work (a
    /// collector that cannot record its result).
    public static func run(store: WarRoomStore, theme: Theme, silencer: AlertSilencer? = nil,
                           grouping: AlertGrouping = .standard, logSources: AlertLogSources = AlertLogSources(),
                           notice: String? = nil, notices: (() -> String?)? = nil,
                           beforeEachTurn: (() -> Void)? = nil) throws {
        let feed = try ChangeFeed(store: store)
        feed.start()
        defer { feed.stop() }
        let data = WarRoomData(store: store, grouping: grouping)
        try data.loadAll()
        let screen = WarRoomScreen(data: data, silencer: silencer, logSources: logSources)
        if let notice { screen.say(notice, error: true) }
        let terminal = try CursesTerminal(theme: theme)
        defer { terminal.restore() }
        let stop = TerminationSignals.install()

        var needsDraw = true
        var unread: Set<ChangeTopic> = []
        var failedAt = Date.distantPast
        var readFailure: (since: Date, reason: String)?
        var shownSecond = 0
        var minute = Int(Date().timeIntervalSince1970 / 60)
        var second = Int(Date().timeIntervalSince1970)
        while !screen.wantsQuit, !stop.requested {
            beforeEachTurn?()
            let nowSecond = Int(Date().timeIntervalSince1970)
            if nowSecond != second {
                // A file deleted or replaced under us: say so every second
                // until someone restarts, rather than write into the void.
                second = nowSecond
                do { try store.checkFile() } catch {
                    screen.say("\(error)", error: true)
                    screen.invalidateAll()
                    needsDraw = true
                }
            }
            if let news = notices?() {
                screen.say(news, error: true)
                screen.invalidateAll()
                needsDraw = true
            }
            // The feed checks in the background, so a server that went away
            // never stalls the keyboard. While it cannot reach the database
            // the screen keeps its picture and says so; what changed (and
            // what failed to read, once a second) is read when it can.
            let trouble = feed.trouble
            var topics = feed.takeChanges()
            if !unread.isEmpty, Date().timeIntervalSince(failedAt) >= 1 { topics.formUnion(unread) }
            if trouble != nil {
                unread.formUnion(topics)
                topics = []
            }
            if !topics.isEmpty {
                do {
                    screen.invalidate(try data.reload(topics))
                    unread = []
                    readFailure = nil
                } catch {
                    unread = topics
                    failedAt = Date()
                    readFailure = (readFailure?.since ?? failedAt, OutageLine.reason(error))
                }
                needsDraw = true
            }
            let outage = trouble.map { (reason: $0.text, since: $0.since) } ?? readFailure.map { (reason: $0.reason, since: $0.since) }
            if outage?.reason != screen.outage?.reason || (outage == nil) != (screen.outage == nil) {
                if outage == nil, let ended = screen.outage {
                    // Over any error a collector reported meanwhile.
                    screen.say("the database is reachable again (unreachable for \(DurationText.compact(Date().timeIntervalSince(ended.since))))")
                }
                screen.outage = outage
                screen.invalidateAll()
                needsDraw = true
            } else if outage != nil, nowSecond != shownSecond {
                // The outage's age on the status line.
                shownSecond = nowSecond
                needsDraw = true
            }
            let nowMinute = Int(Date().timeIntervalSince1970 / 60)
            if nowMinute != minute, screen.outage == nil {
                // Ages and "due in" move once a minute; resolved alerts age out.
                minute = nowMinute
                _ = try? data.reload([.alerts])
                screen.invalidateAges()
                needsDraw = true
            }
            if needsDraw {
                let size = terminal.size
                terminal.draw(screen.render(width: size.width, height: size.height), cursor: screen.cursor)
                needsDraw = false
            }
            guard var key = terminal.readKey(timeoutMs: 50) else { continue }
            // A paste is thousands of keys: take every key that is waiting
            // (up to a frame's worth of time), then draw once, so input
            // costs time in proportion to its size.
            let deadline = DispatchTime.now() + .milliseconds(15)
            while true {
                // The terminal is gone without a SIGHUP: end as on one.
                if key == .hangup { return }
                if key == .resize { terminal.invalidate() }
                screen.handle(key)
                guard !screen.wantsQuit, DispatchTime.now() < deadline, let next = terminal.readKey(timeoutMs: 0) else { break }
                key = next
            }
            screen.invalidateAll()
            needsDraw = true
        }
    }
}
