import Foundation
import WarRoomCore

/// From a commit in one process to the moment another process's ChangeFeed
/// reports it: a writer process (this bench in writer mode) posts chat lines
/// 20 ms apart and prints each event id with the monotonic time its commit
/// returned; this process notes when its feed hands each id over. The
/// monotonic clock is system-wide on Linux, so the two times compare.
struct PropagationBench {
    let context: BenchContext

    func run() throws -> [String] {
        let writes = context.quick ? 60 : 1000
        var report = ["Propagation: commit in one process → ChangeFeed in another, \(writes) writes 20 ms apart, \(context.runs) runs"]
        var p50s: [Double] = [], p99s: [Double] = []
        for run in 0..<context.runs {
            let db = context.freshDatabase("propagation.db")
            let store = try WarRoomStore(path: db)
            let feed = try ChangeFeed(store: store)
            let seen = SeenTimes()
            feed.subscribe { topics in
                guard topics.contains(.timeline) else { return }
                let now = DispatchTime.now().uptimeNanoseconds
                if let events = try? store.timeline(afterID: seen.last) { seen.record(events.map(\.id), at: now) }
            }
            feed.start()
            let out = context.path("propagation-\(run).txt")
            let w = try ChildProcess.run(ChildProcess.benchBinary, ["--propagation-writer", db, String(writes)], stdoutPath: out)
            guard w.status == 0 else { throw BenchError("propagation writer exited \(w.status)") }
            Thread.sleep(forTimeInterval: 0.3)
            feed.stop()
            var latencies: [Double] = []
            for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let id = Int64(parts[0]), let committed = UInt64(parts[1]),
                      let noticed = seen.time(of: id) else { continue }
                latencies.append(Double(Int64(noticed) - Int64(committed)) / 1e6)
            }
            guard latencies.count == writes else { throw BenchError("the feed saw \(latencies.count) of \(writes) writes") }
            let s = Summary(latencies)
            p50s.append(s.percentile(50))
            p99s.append(s.percentile(99))
        }
        report.append(Format.row("  propagation p50", Summary(p50s), unit: "ms", decimals: 1))
        report.append(Format.row("  propagation p99 (goal ≤ 150 ms)", Summary(p99s), unit: "ms", decimals: 1))
        return report
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
