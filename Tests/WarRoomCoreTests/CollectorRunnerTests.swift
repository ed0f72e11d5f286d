import Foundation
import Testing
@testable import WarRoomCore

/// A collector that counts its polls and reports one OK check each time.
private final class TickingCollector: Collector, @unchecked Sendable {
    let name: String
    let kind = "test"
    let interval: TimeInterval
    let timeout: TimeInterval = 2
    private let lock = NSLock()
    private var times: [Date] = []

    init(name: String, interval: TimeInterval) {
        self.name = name
        self.interval = interval
    }

    var polls: [Date] { lock.lock(); defer { lock.unlock() }; return times }

    func poll() throws -> Observations {
        lock.lock(); times.append(Date()); lock.unlock()
        return Observations(checks: [CheckResult(name: name, source: name, state: .ok, output: "fine")])
    }
}

/// A collector whose poll never returns until the test lets it go.
private final class HangingCollector: Collector, @unchecked Sendable {
    let name = "hangs"
    let kind = "test"
    let interval: TimeInterval = 0.1
    let timeout: TimeInterval = 0.3
    let release = DispatchSemaphore(value: 0)

    func poll() throws -> Observations {
        release.wait()
        return Observations(logs: [LogRecord(source: name, at: Date(), level: .info, text: "late and stale")])
    }
}

/// A collector whose source is down.
private final class FailingCollector: Collector, @unchecked Sendable {
    let name = "fails"
    let kind = "test"
    let interval: TimeInterval = 0.05
    let timeout: TimeInterval = 1
    private let lock = NSLock()
    private var count = 0
    var polls: Int { lock.lock(); defer { lock.unlock() }; return count }

    func poll() throws -> Observations {
        lock.lock(); count += 1; lock.unlock()
        throw WarRoomError.invalid("cannot reach the source")
    }
}

/// A log file behind by three polls' worth: it says so until it caught up.
private final class CatchingUpCollector: Collector, @unchecked Sendable {
    let name = "catching-up"
    let kind = "test"
    let interval: TimeInterval = 30
    let timeout: TimeInterval = 2
    private let lock = NSLock()
    private var count = 0
    var polls: Int { lock.lock(); defer { lock.unlock() }; return count }

    func poll() throws -> Observations {
        lock.lock(); count += 1; let n = count; lock.unlock()
        var o = Observations(logs: [LogRecord(source: name, at: Date(), level: .info, text: "batch \(n)")])
        o.morePending = n < 4
        return o
    }
}

@Suite struct CollectorRunnerTests {
    @Test func aSourceWithMoreWaitingIsAskedAgainAtOnce() throws {
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
        let c = CatchingUpCollector()
        let runner = CollectorRunner(store: store, holder: "h")
        runner.start([c])
        Thread.sleep(forTimeInterval: 1)
        runner.stop()
        #expect(c.polls == 4, "three catch-up polls at once, then the 30 s interval")
        #expect(try store.logLines(afterID: 0, limit: 10).map(\.text) == ["batch 1", "batch 2", "batch 3", "batch 4"])
    }

    @Test func aHangACrashAndAFloodLeaveTheOthersOnTheirInterval() throws {
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
        let steady = TickingCollector(name: "steady", interval: 0.2)
        let hang = HangingCollector()
        let failing = FailingCollector()
        // An exec that dies from a signal after printing, and one that
        // floods 100,000 log lines at once.
        let crash = ExecCollector(name: "crashes", command: ["/bin/sh", "-c", #"echo '{"kind":"log","text":"before the crash"}'; kill -9 $$"#],
                                  interval: 0.5, timeout: 5)
        let flood = ExecCollector(name: "floods", command: ["/bin/sh", "-c", #"seq 100000 | sed 's/.*/{"kind":"log","text":"flood &"}/'"#],
                                  interval: 30, timeout: 20)
        let runner = CollectorRunner(store: store, holder: "h")
        runner.start([steady, hang, failing, crash, flood])
        Thread.sleep(forTimeInterval: 3)
        runner.stop()
        hang.release.signal()

        // The steady collector kept its interval: about 15 polls in 3 s,
        // and no gap much longer than the 100k-line write.
        let polls = steady.polls
        #expect(polls.count >= 8, "steady polled \(polls.count) times in 3 s")
        let gaps = zip(polls.dropFirst(), polls).map { $0.timeIntervalSince($1) }
        #expect((gaps.max() ?? 0) < 1.5, "longest gap \(gaps.max() ?? 0) s")

        let health = Dictionary(uniqueKeysWithValues: try store.collectorHealth().map { ($0.name, $0) })
        let hung = try #require(health["hangs"])
        #expect(hung.isFailing && hung.lastError == "no answer within 300ms (timeout); still waiting for it")
        #expect(hung.runs == 1, "a hung poll is never started twice")
        let down = try #require(health["fails"])
        #expect(down.isFailing && down.lastError == "cannot reach the source" && down.lastSuccessAt == nil)
        // Backoff: 0.05 s doubling from the second failure, so far fewer
        // polls than the 60 an interval of 0.05 s would give.
        #expect(failing.polls >= 3 && failing.polls <= 9, "failing polled \(failing.polls) times")
        let crashed = try #require(health["crashes"])
        #expect(crashed.isFailing && crashed.lastError?.hasPrefix("/bin/sh killed by signal 9 (KILL)") == true)
        #expect(try store.logLines(afterID: 0, limit: 200_000).contains { $0.text == "before the crash" }, "lines before the crash are kept")
        #expect(health["floods"]?.lastSummary == "100000 log lines")
        #expect(health["steady"]?.isFailing == false)

        #expect(try store.integrityCheck() == "ok")
        let flooded = try store.logLines(afterID: 0, limit: 300_000).filter { $0.source == "floods" }
        #expect(flooded.count == 100_000)
        #expect(Set(flooded.map(\.text)).count == 100_000)
        #expect(!(try store.logLines(afterID: 0, limit: 300_000).contains { $0.text == "late and stale" }))
    }

    @Test func backoffDoublesFromTheSecondFailureUpToItsCeiling() {
        let b = CollectorBackoff(interval: 15)
        #expect((0...7).map(b.delay(afterFailures:)) == [15, 15, 30, 60, 120, 240, 300, 300])
        #expect(CollectorBackoff(interval: 600).delay(afterFailures: 5) == 600, "the ceiling is never below the interval")
    }

    @Test func aSecondHostStandsByAndTakesOverWhenTheFirstStops() throws {
        let db = TempDatabase()
        let store = try db.store()
        let first = TickingCollector(name: "a", interval: 0.1), second = TickingCollector(name: "b", interval: 0.1)
        let spec = CollectorSpec(name: "tick", interval: 0.1, timeout: 0.1, settings: .exec(command: ["/bin/true"]))
        let one = CollectorHost(store: store, role: "one", heartbeat: 0.4, specs: [spec]) { _ in ([first], []) }
        let two = CollectorHost(store: try db.store(), role: "two", heartbeat: 0.4, specs: [spec]) { _ in ([second], []) }
        one.start()
        Thread.sleep(forTimeInterval: 0.3)
        two.start()
        Thread.sleep(forTimeInterval: 1)
        #expect(one.state == .running(collectors: 1))
        #expect(two.state == .standby(one.holder))
        #expect(second.polls.isEmpty, "only the holder polls")
        let stopped = Date()
        one.stop()
        Thread.sleep(forTimeInterval: 1)
        #expect(two.state == .running(collectors: 1))
        let took = try #require(second.polls.first).timeIntervalSince(stopped)
        #expect(took < 0.4, "a released lease is taken at the next look (\(took) s)")
        two.stop()
        #expect(try store.collectorLease() == nil)
    }
}
