import Foundation

/// Makes sure exactly one process runs a database's collectors. Every war
/// room and `warroom collect` has a host; the host that holds the lease (a
/// row in the database, renewed every heartbeat) runs the collectors, the
/// others stand by and try to take the lease whenever it lapses. A holder
/// that is killed stops renewing; another host takes over within
/// 1.75 heartbeats of its last renewal (the lease lasts 1.5 heartbeats and
/// standbys look every quarter heartbeat).
public final class CollectorHost: @unchecked Sendable {
    public enum State: Sendable, Equatable {
        /// Nothing configured: the host never takes the lease.
        case idle
        /// Another process runs the collectors (its holder name, if known).
        case standby(String?)
        /// The config leaves the collectors to `warroom collect`
        /// (`collectors_run_by: service`); the holder, when one is alive.
        case leftToService(String?)
        /// This process runs them.
        case running(collectors: Int)
        case stopped
    }

    public typealias Built = (pollers: [any Collector], listeners: [any ListeningCollector])

    public let holder: String
    private let store: WarRoomStore
    private let make: @Sendable ([CollectorSpec]) -> Built
    private let report: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "warroom.collectors.lease")
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    // The host's queue only (set at init, then by `apply`).
    private var specs: [CollectorSpec]
    private var allowed: Bool
    private var runner: CollectorRunner?
    private var lastRenewal = Date.distantPast
    // Guarded by the lock.
    private var _heartbeat: TimeInterval
    private var _state: State = .idle
    private var onChange: (@Sendable (State) -> Void)?
    /// The config file this host follows (stopped with the host).
    private var watcher: ConfigWatcher?

    /// How often the lease is renewed (the config's `heartbeat`).
    public var heartbeat: TimeInterval { lock.lock(); defer { lock.unlock() }; return _heartbeat }
    public var ttl: TimeInterval { heartbeat * 1.5 }

    /// `make` builds fresh collectors for specs each time this host takes
    /// the lease, and for the specs a changed config adds. `allowed` is
    /// false when the config leaves the collectors to the service.
    public init(store: WarRoomStore, role: String, heartbeat: TimeInterval = 2, specs: [CollectorSpec], allowed: Bool = true,
                report: @escaping @Sendable (String) -> Void = { _ in },
                make: @escaping @Sendable ([CollectorSpec]) -> Built) {
        self.store = store
        _heartbeat = max(heartbeat, 0.2)
        self.specs = specs
        self.allowed = allowed
        self.make = make
        self.report = report
        holder = CollectorHost.holderName(role: role, author: store.author)
    }

    /// "collect maria@bastion-1 pid 4242": who, where and which process.
    public static func holderName(role: String, author: String) -> String {
        "\(role) \(author)@\(MachineName.current) pid \(getpid())"
    }

    public var state: State { lock.lock(); defer { lock.unlock() }; return _state }

    /// Called on the host's queue whenever the state changes.
    public func observe(_ body: @escaping @Sendable (State) -> Void) {
        lock.lock(); onChange = body; lock.unlock()
    }

    /// Follows `watcher`'s file: `changed` hears each change until `stop()`.
    func follow(_ watcher: ConfigWatcher, _ changed: @escaping @Sendable (ConfigWatcher.Change) -> Void) {
        lock.lock(); self.watcher = watcher; lock.unlock()
        watcher.start(changed)
    }

    /// Starts looking at the lease every quarter heartbeat. With nothing
    /// configured a look does nothing, but a config that gains collectors
    /// later (`apply`) is taken up at the next one.
    public func start() {
        let t = DispatchSource.makeTimerSource(queue: queue)
        lock.lock(); timer = t; lock.unlock()
        schedule(t, heartbeat: heartbeat)
        t.setEventHandler { [self] in tick() }
        t.resume()
    }

    private func schedule(_ t: DispatchSourceTimer, heartbeat: TimeInterval) {
        t.schedule(deadline: .now(), repeating: heartbeat / 4, leeway: .milliseconds(Int(heartbeat * 50)))
    }

    /// Takes up a changed config: collectors whose spec is gone or changed
    /// are stopped, new or changed ones started, unchanged ones keep running
    /// (a log file keeps its place); with no collectors left, or when the
    /// config now leaves them to the service, the lease is given up.
    public func apply(heartbeat: TimeInterval, specs new: [CollectorSpec], allowed: Bool) {
        queue.async { [self] in
            lock.lock()
            let beat = max(heartbeat, 0.2), timer = self.timer
            let rescheduled = beat != _heartbeat
            _heartbeat = beat
            lock.unlock()
            if rescheduled, let timer { schedule(timer, heartbeat: beat) }
            let old = specs
            specs = new
            self.allowed = allowed
            guard let runner else {
                if new.isEmpty { setState(.idle) }
                return
            }
            guard !new.isEmpty, allowed else {
                resign()
                try? store.releaseCollectorLease(holder: holder)
                setState(new.isEmpty ? .idle : .leftToService(nil))
                return
            }
            runner.retire(Set(old.filter { !new.contains($0) }.map(\.name)))
            let built = make(new.filter { !old.contains($0) })
            runner.start(built.pollers, listeners: built.listeners)
            setState(.running(collectors: new.count))
        }
    }

    /// `stop()`, waiting at most `timeout` for it (a lease write stuck behind
    /// a long writer, a listener slow to close). Returns false when it gave
    /// up waiting: the lease then lapses on its own within 1.5 heartbeats.
    @discardableResult
    public func stop(timeout: TimeInterval) -> Bool {
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { [self] in
            stop()
            done.signal()
        }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// Stops the collectors and gives the lease up so another process can
    /// take over at once. Waits for the lease's queue, not for a hung poll.
    public func stop() {
        lock.lock()
        let t = timer, w = watcher
        timer = nil
        watcher = nil
        lock.unlock()
        w?.stop()
        t?.cancel()
        queue.sync {
            if runner != nil {
                runner?.stop()
                runner = nil
                try? store.releaseCollectorLease(holder: holder)
            }
            setState(.stopped)
        }
    }

    private func tick() {
        guard !specs.isEmpty else { return }
        if runner != nil {
            guard Date().timeIntervalSince(lastRenewal) >= heartbeat * 0.9 else { return }
            do {
                if try store.renewCollectorLease(holder: holder, ttl: ttl) {
                    lastRenewal = Date()
                } else {
                    report("lost the collector lease; standing by")
                    resign()
                }
            } catch {
                // A renewal that fails (the disk, a long lock) is retried on
                // the next tick; if the lease lapses meanwhile, the next
                // write finds out and the runner stops.
                report("cannot renew the collector lease: \(error)")
            }
            return
        }
        guard allowed else { return watchService() }
        do {
            if try store.acquireCollectorLease(holder: holder, ttl: ttl) {
                lastRenewal = Date()
                let built = make(specs)
                let r = CollectorRunner(store: store, holder: holder, report: report) { [weak self] in
                    guard let self else { return }
                    self.queue.async { self.resign() }
                }
                runner = r
                r.start(built.pollers, listeners: built.listeners)
                setState(.running(collectors: built.pollers.count + built.listeners.count))
            } else {
                let current = try store.collectorLease()?.holder
                setState(.standby(current))
            }
        } catch {
            report("cannot take the collector lease: \(error)")
        }
    }

    /// Not allowed to run the collectors: only says when nobody does.
    private func watchService() {
        guard let lease = try? store.collectorLease() else {
            return leftToService(nil)
        }
        leftToService(lease.expiresAt > Date() ? lease.holder : nil)
    }

    private func leftToService(_ holder: String?) {
        let before = state
        setState(.leftToService(holder))
        if holder == nil, before != .leftToService(nil) {
            report("nobody runs the collectors: the config leaves them to `warroom collect` (collectors_run_by: service), and it is not running")
        }
    }

    /// Called on the host's queue.
    private func resign() {
        runner?.stop()
        runner = nil
        setState(.standby(nil))
    }

    private func setState(_ new: State) {
        lock.lock()
        let changed = _state != new
        _state = new
        let callback = onChange
        lock.unlock()
        if changed { callback?(new) }
    }
}
