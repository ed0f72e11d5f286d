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
        /// This process runs them.
        case running(collectors: Int)
        case stopped
    }

    public let holder: String
    public let heartbeat: TimeInterval
    private let store: WarRoomStore
    private let make: @Sendable () -> (pollers: [any Collector], listeners: [any ListeningCollector])
    private let hasCollectors: Bool
    private let report: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "warroom.collectors.lease")
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var runner: CollectorRunner?
    private var lastRenewal = Date.distantPast
    private var _state: State = .idle
    private var onChange: (@Sendable (State) -> Void)?

    public var ttl: TimeInterval { heartbeat * 1.5 }

    /// `make` builds fresh collectors each time this host takes the lease.
    public init(store: WarRoomStore, role: String, heartbeat: TimeInterval = 2, hasCollectors: Bool,
                report: @escaping @Sendable (String) -> Void = { _ in },
                make: @escaping @Sendable () -> (pollers: [any Collector], listeners: [any ListeningCollector])) {
        self.store = store
        self.heartbeat = max(heartbeat, 0.2)
        self.make = make
        self.hasCollectors = hasCollectors
        self.report = report
        holder = CollectorHost.holderName(role: role, author: store.author)
    }

    /// "collect maria@bastion-1 pid 4242": who, where and which process.
    public static func holderName(role: String, author: String) -> String {
        var name = [CChar](repeating: 0, count: 256)
        let host = gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(role) \(author)@\(host) pid \(getpid())"
    }

    public var state: State { lock.lock(); defer { lock.unlock() }; return _state }

    /// Called on the host's queue whenever the state changes.
    public func observe(_ body: @escaping @Sendable (State) -> Void) {
        lock.lock(); onChange = body; lock.unlock()
    }

    public func start() {
        guard hasCollectors else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now(), repeating: heartbeat / 4, leeway: .milliseconds(Int(heartbeat * 50)))
        t.setEventHandler { [self] in tick() }
        lock.lock(); timer = t; lock.unlock()
        t.resume()
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
        let t = timer
        timer = nil
        lock.unlock()
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
        do {
            if try store.acquireCollectorLease(holder: holder, ttl: ttl) {
                lastRenewal = Date()
                let built = make()
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
