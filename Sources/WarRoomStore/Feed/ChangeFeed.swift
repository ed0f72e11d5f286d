import Foundation
import WarRoomModel

/// Tells every process which kinds of data changed in the shared database,
/// whoever wrote them. It asks the backend's `ChangeProbe` (its own
/// connection) whether anything was committed — on SQLite each interval,
/// with `PRAGMA data_version`, which moves when any *other* connection
/// commits; on PostgreSQL as soon as a NOTIFY arrives — and only then reads
/// the per-topic counters the store bumps in every write, and reports the
/// topics whose counters moved. Idle cost: one cheap question per interval.
///
/// A screen starts the feed and takes what it found each turn
/// (`takeChanges`, `trouble`): the probe's reconnecting to a server that
/// went away (a connect timeout of seconds) then stalls the feed's queue,
/// never the keyboard.
///
/// The probe's state is confined to `queue`; what a screen takes is
/// guarded by `inboxLock`. That is why the class is `@unchecked Sendable`.
public final class ChangeFeed: @unchecked Sendable {
    public typealias Handler = @Sendable (Set<ChangeTopic>) -> Void

    public let interval: TimeInterval
    private let probe: ChangeProbe
    private let queue = DispatchQueue(label: "warroom.change-feed", qos: .userInitiated)
    private var versions: [String: Int64] = [:]
    private var handlers: [Int: Handler] = [:]
    private var nextToken = 0
    private let inboxLock = NSLock()
    private var inbox: Set<ChangeTopic> = []
    private var problem: (text: String, since: Date)?
    private var running = false

    /// `interval` is at most 0.1 s; the default, 0.05 s, keeps propagation
    /// well inside a blink.
    public init(store: WarRoomStore, interval: TimeInterval = 0.05) throws {
        self.interval = min(max(interval, 0.005), 0.1)
        probe = try store.backend.makeChangeProbe()
        _ = try queue.sync { try checkOnce() }
    }

    deinit { stop() }

    /// Calls `handler` on the feed's queue with the topics that changed.
    @discardableResult
    public func subscribe(_ handler: @escaping Handler) -> Int {
        queue.sync {
            nextToken += 1
            handlers[nextToken] = handler
            return nextToken
        }
    }

    public func unsubscribe(_ token: Int) {
        queue.sync { _ = handlers.removeValue(forKey: token) }
    }

    /// Starts watching in the background: a thread of the feed's own waits
    /// for news (up to `interval`; a PostgreSQL notification ends the wait
    /// at once) and checks, again and again, until `stop`.
    public func start() {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        guard !running else { return }
        running = true
        let thread = Thread { [weak self] in
            while let feed = self, feed.isRunning {
                feed.queue.sync {
                    feed.probe.waitForNews(timeout: feed.interval)
                    feed.tick()
                }
            }
        }
        thread.name = "warroom.change-feed"
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// Stops the background watching (at the end of the current wait).
    public func stop() {
        inboxLock.lock()
        running = false
        inboxLock.unlock()
    }

    private var isRunning: Bool {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        return running
    }

    /// Checks once, now, and returns what changed since the last check (for
    /// a loop that polls on its own instead of subscribing).
    public func poll() -> Set<ChangeTopic> {
        queue.sync { checkRecordingTrouble() }
    }

    /// The topics that changed since the last call, found by the started
    /// feed in the background; never waits for the database.
    public func takeChanges() -> Set<ChangeTopic> {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        let taken = inbox
        inbox = []
        return taken
    }

    /// Why the last check failed and since when (the server unreachable),
    /// or nil while checks succeed; never waits for the database.
    public var trouble: (text: String, since: Date)? {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        return problem
    }

    private func tick() {
        let changed = checkRecordingTrouble()
        guard !changed.isEmpty else { return }
        inboxLock.lock()
        inbox.formUnion(changed)
        inboxLock.unlock()
        for handler in handlers.values { handler(changed) }
    }

    private func checkRecordingTrouble() -> Set<ChangeTopic> {
        do {
            let changed = try checkOnce()
            setProblem(nil)
            return changed
        } catch {
            setProblem((error as? WarRoomError)?.reason ?? "\(error)")
            return []
        }
    }

    private func setProblem(_ text: String?) {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        guard let text else { problem = nil; return }
        problem = (text, problem?.since ?? Date())
    }

    private func checkOnce() throws -> Set<ChangeTopic> {
        guard let counters = try probe.changedCounters() else { return [] }
        var changed: Set<ChangeTopic> = []
        for (topic, v) in counters where versions[topic] != v {
            if versions[topic] != nil, let t = ChangeTopic(rawValue: topic) { changed.insert(t) }
            versions[topic] = v
        }
        return changed
    }
}
