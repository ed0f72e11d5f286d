import Foundation
import WarRoomCore
import WarRoomTestSupport

/// From a commit in one process to the moment another process's ChangeFeed
/// reports it: a writer process (this bench in writer mode) posts chat lines
/// 20 ms apart and prints each event id with the monotonic time its commit
/// returned; this process notes when its feed hands each id over. The
/// monotonic clock is system-wide on Linux, so the two times compare.
/// Once per backend (SQLite polls `data_version` each 50 ms interval;
/// PostgreSQL LISTENs, so a NOTIFY wakes the feed), and on PostgreSQL once
/// more from a primary to a feed on its hot standby, which cannot LISTEN
/// and reads the counters each interval, behind the replication lag.
struct PropagationBench {
    let context: BenchContext

    /// One run's two ends: where the writer commits, the store the feed watches.
    private struct Ends {
        let writer: String
        let feed: WarRoomStore
    }

    func run() throws -> [String] {
        let writes = context.quick ? 60 : 1000
        var report = ["Propagation: commit in one process → ChangeFeed in another, \(writes) writes 20 ms apart, \(context.runs) runs"]
        report += try context.rows { backend in
            let goal = backend == .sqlite ? "goal ≤ 150 ms" : "goal ≤ 20 ms"
            return try measure(backend.title, goal: goal, writes: writes) {
                let db = try context.freshDatabase("propagation.db", on: backend)
                return Ends(writer: db, feed: try WarRoomStore(path: db))
            }
        }
        if context.backends.contains(.postgres), context.postgres.unavailable == nil {
            report += try standby(writes: writes)
        }
        return report
    }

    /// A primary and a hot standby of their own (fsync on, asynchronous
    /// replication, the default), stopped once measured so that the other
    /// benches do not share the cores with a walsender and a replay.
    private func standby(writes: Int) throws -> [String] {
        let (primary, standby) = try PostgresCluster.replicated(fsync: true)
        defer {
            standby.stop()
            primary.stop()
        }
        return try measure("PostgreSQL → hot standby", goal: "no goal", writes: writes) {
            let url = try primary.createDatabase()
            _ = try WarRoomStore(path: url)  // the schema, made on the primary
            return Ends(writer: url, feed: try replica(standby.url(database: primary.databaseName(url))))
        }
    }

    /// The standby's read-only store, once replay has brought the schema.
    private func replica(_ url: String) throws -> WarRoomStore {
        let deadline = Date().addingTimeInterval(30)
        while true {
            do { return try WarRoomStore(path: url, mode: .readOnly) } catch {
                guard Date() < deadline else { throw BenchError("the standby has no war room after 30 s: \(error)") }
                usleep(50_000)
            }
        }
    }

    private func measure(_ title: String, goal: String, writes: Int, ends: () throws -> Ends) throws -> [String] {
        var p50s: [Double] = [], p99s: [Double] = []
        for run in 0..<context.runs {
            let ends = try ends()
            let store = ends.feed
            let feed = try ChangeFeed(store: store)
            let seen = SeenTimes()
            feed.subscribe { topics in
                guard topics.contains(.timeline) else { return }
                let now = DispatchTime.now().uptimeNanoseconds
                if let events = try? store.timeline(afterID: seen.last) { seen.record(events.map(\.id), at: now) }
            }
            feed.start()
            let out = context.path("propagation-\(run).txt")
            let w = try ChildProcess.run(ChildProcess.benchBinary, ["--propagation-writer", ends.writer, String(writes)], stdoutPath: out)
            guard w.status == 0 else { throw BenchError("propagation writer exited \(w.status)") }
            Thread.sleep(forTimeInterval: 0.5)
            feed.stop()
            var latencies: [Double] = []
            for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let id = Int64(parts[0]), let committed = UInt64(parts[1]),
                      let noticed = seen.time(of: id) else { continue }
                latencies.append(Double(Int64(noticed) - Int64(committed)) / 1e6)
            }
            guard latencies.count == writes else { throw BenchError("\(title): the feed saw \(latencies.count) of \(writes) writes") }
            let s = Summary(latencies)
            p50s.append(s.percentile(50))
            p99s.append(s.percentile(99))
        }
        return [Format.row("  \(title) p50", Summary(p50s), unit: "ms", decimals: 1),
                Format.row("  \(title) p99 (\(goal))", Summary(p99s), unit: "ms", decimals: 1)]
    }

    /// Writer mode: post `count` chat lines, 20 ms apart; print "id ns" per commit.
    static func writer(db: String, count: Int) throws {
        let store = try WarRoomStore(path: db)
        var out = ""
        for i in 0..<count {
            let event = try store.post(.chat, text: "propagation \(i)")
            out += "\(event.id) \(DispatchTime.now().uptimeNanoseconds)\n"
            usleep(20_000)
        }
        print(out, terminator: "")
    }
}

/// When the feed first handed over each event id.
final class SeenTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Int64: UInt64] = [:]
    private var lastID: Int64 = 0

    var last: Int64 { lock.lock(); defer { lock.unlock() }; return lastID }

    func record(_ ids: [Int64], at time: UInt64) {
        lock.lock()
        for id in ids where times[id] == nil { times[id] = time }
        lastID = max(lastID, ids.max() ?? 0)
        lock.unlock()
    }

    func time(of id: Int64) -> UInt64? { lock.lock(); defer { lock.unlock() }; return times[id] }
}
