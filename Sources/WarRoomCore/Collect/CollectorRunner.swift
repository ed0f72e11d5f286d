import Foundation

/// Runs collectors for the process that holds the lease: each on its own
/// serial Dispatch queue, on its own schedule, with a watchdog for its
/// timeout and backoff after failures. Whatever a collector does (hang,
/// throw, flood) stays on its own queue; the others keep their interval.
public final class CollectorRunner: @unchecked Sendable {
    private let store: WarRoomStore
    private let holder: String
    private let report: @Sendable (String) -> Void
    private let leaseLost: @Sendable () -> Void
    private let lock = NSLock()
    private var slots: [Slot] = []
    private var listeners: [any ListeningCollector] = []
    private var stopped = false
    /// Timeouts are watched from here, never from a collector's own queue.
    private let watchdog = DispatchQueue(label: "warroom.collectors.watchdog")

    private final class Slot: @unchecked Sendable {
        let collector: any Collector
        let queue: DispatchQueue
        let backoff: CollectorBackoff
        // Guarded by the runner's lock.
        var failures = 0
        var generation = 0
        var runningSince: Date?
        var abandoned = false
        /// Taken out by a changed config: polls no more, and a poll still
        /// running when that happened writes nothing.
        var retired = false

        init(_ collector: any Collector) {
            self.collector = collector
            queue = DispatchQueue(label: "warroom.collector.\(collector.name)")
            backoff = CollectorBackoff(interval: collector.interval)
        }
    }

    /// `report` hears about what cannot be written to the health table (the
    /// database itself failing); `leaseLost` is called when a write finds
    /// that another process now holds the lease.
    public init(store: WarRoomStore, holder: String, report: @escaping @Sendable (String) -> Void = { _ in },
                leaseLost: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.holder = holder
        self.report = report
        self.leaseLost = leaseLost
    }

    public func start(_ collectors: [any Collector], listeners: [any ListeningCollector] = []) {
        lock.lock()
        let new = collectors.map(Slot.init)
        slots += new
        lock.unlock()
        for slot in new { schedule(slot, after: 0) }
        for listener in listeners { startListening(listener) }
    }

    /// Stops scheduling polls and closes listeners. A poll already running
    /// finishes on its queue; its result is dropped.
    public func stop() {
        lock.lock()
        stopped = true
        let open = listeners
        listeners = []
        lock.unlock()
        open.forEach { $0.stop() }
    }

    /// Stops the named collectors only (a config that dropped or changed
    /// them); the others keep their schedule and their state.
    public func retire(_ names: Set<String>) {
        guard !names.isEmpty else { return }
        lock.lock()
        for slot in slots where names.contains(slot.collector.name) { slot.retired = true }
        slots.removeAll { names.contains($0.collector.name) }
        let closing = listeners.filter { names.contains($0.name) }
        listeners.removeAll { names.contains($0.name) }
        lock.unlock()
        closing.forEach { $0.stop() }
    }

    private func isOver(_ slot: Slot) -> Bool { lock.lock(); defer { lock.unlock() }; return stopped || slot.retired }

    private func schedule(_ slot: Slot, after delay: TimeInterval) {
        slot.queue.asyncAfter(deadline: .now() + delay) { [self] in runOnce(slot) }
    }

    private func runOnce(_ slot: Slot) {
        let c = slot.collector
        lock.lock()
        if stopped || slot.retired { lock.unlock(); return }
        slot.generation += 1
        let generation = slot.generation
        let started = Date()
        slot.runningSince = started
        slot.abandoned = false
        lock.unlock()

        watchdog.asyncAfter(deadline: .now() + c.timeout + 0.5) { [self] in
            checkTimeout(slot, generation: generation, started: started)
        }

        var observations = Observations()
        var failure: String?
        do {
            observations = try c.poll()
        } catch {
            failure = String(describing: error)
        }

        lock.lock()
        let abandoned = slot.abandoned
        slot.runningSince = nil
        if !abandoned {
            slot.failures = (failure == nil && observations.failure == nil) ? 0 : slot.failures + 1
        }
        let failures = slot.failures
        lock.unlock()
        if abandoned {
            guard !isOver(slot) else { return }
            // The watchdog already counted this poll as timed out; what it
            // brings back so late is stale.
            report("collector \(c.name) answered after \(DurationText.compact(Date().timeIntervalSince(started))); result dropped")
            schedule(slot, after: slot.backoff.delay(afterFailures: failures))
            return
        }
        // A source with more waiting (a log file catching up) is asked again
        // at once; the writes in between keep each transaction bounded.
        let delay = observations.morePending && failures == 0 ? 0 : slot.backoff.delay(afterFailures: failures)
        let run = WarRoomStore.CollectorRun(name: c.name, kind: c.kind, interval: c.interval, startedAt: started,
                                            error: failure, nextRunAt: Date().addingTimeInterval(delay))
        guard !isOver(slot) else { return }
        write(observations, run: run)
        schedule(slot, after: delay)
    }

    private func checkTimeout(_ slot: Slot, generation: Int, started: Date) {
        lock.lock()
        guard !stopped, !slot.retired, slot.generation == generation, slot.runningSince == started, !slot.abandoned else {
            lock.unlock(); return
        }
        slot.abandoned = true
        slot.failures += 1
        let failures = slot.failures
        lock.unlock()
        let c = slot.collector
        let run = WarRoomStore.CollectorRun(
            name: c.name, kind: c.kind, interval: c.interval, startedAt: started,
            error: "no answer within \(DurationText.setting(c.timeout)) (timeout); still waiting for it",
            nextRunAt: Date().addingTimeInterval(slot.backoff.delay(afterFailures: failures)))
        write(Observations(), run: run)
    }

    private func startListening(_ listener: any ListeningCollector) {
        let kind = listener.kind, name = listener.name
        do {
            try listener.start { [self] observations in
                let run = WarRoomStore.CollectorRun(name: name, kind: kind, interval: 0, startedAt: Date(),
                                                    error: nil, nextRunAt: nil)
                try store.recordCollection(observations, run: run, holder: holder)
            }
            lock.lock()
            let late = stopped
            if !late { listeners.append(listener) }
            lock.unlock()
            if late { listener.stop(); return }
            let run = WarRoomStore.CollectorRun(name: name, kind: kind, interval: 0, startedAt: Date(), error: nil, nextRunAt: nil)
            write(Observations(), run: run)
        } catch {
            let run = WarRoomStore.CollectorRun(name: name, kind: kind, interval: 0, startedAt: Date(),
                                                error: String(describing: error), nextRunAt: nil)
            write(Observations(), run: run)
        }
    }

    private func write(_ observations: Observations, run: WarRoomStore.CollectorRun) {
        do {
            try store.recordCollection(observations, run: run, holder: holder)
        } catch WarRoomError.leaseLost {
            leaseLost()
        } catch {
            report("collector \(run.name): cannot record its result: \(error)")
        }
    }
}
