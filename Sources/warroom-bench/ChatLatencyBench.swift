import Foundation
import WarRoomCore

/// The latency of one chat write while ten writers share the file: each
/// writer is a separate process (this bench, re-run in writer mode) that
/// opens the store once and times every `post`; and, for the whole picture,
/// a `warroom chat` command timed end to end (process start, open, write).
/// Once per backend: an SQLite file, a PostgreSQL database.
struct ChatLatencyBench {
    let context: BenchContext
    static let writers = 10

    func run() throws -> [String] {
        let perWriter = context.quick ? 30 : 300
        let report = ["Chat write latency with \(Self.writers) concurrent writer processes, \(perWriter) writes each, \(context.runs) runs"]
        return try report + context.rows { backend in try measure(backend, perWriter: perWriter) }
    }

    private func measure(_ backend: BenchBackend, perWriter: Int) throws -> [String] {
        var p50s: [Double] = [], p99s: [Double] = [], cmd50: [Double] = [], cmd99: [Double] = []
        for run in 0..<context.runs {
            let db = try context.freshDatabase("chat.db", on: backend)
            defer { context.discard(db, on: backend) }
            let initialised = try ChildProcess.run(context.warroom, ["init", "--db", db])
            guard initialised.status == 0 else { throw BenchError("warroom init exited \(initialised.status)") }
            // Store-level: 10 processes timing each post().
            let outputs = (0..<Self.writers).map { context.path("writer-\(run)-\($0).txt") }
            try concurrently(Self.writers) { n in
                _ = try ChildProcess.run(ChildProcess.benchBinary, ["--chat-writer", db, String(perWriter), String(n)], stdoutPath: outputs[n])
            }
            var samples: [Double] = []
            for file in outputs {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                samples += text.split(separator: "\n").compactMap { Double($0) }
            }
            guard samples.count == Self.writers * perWriter else {
                throw BenchError("writers reported \(samples.count) of \(Self.writers * perWriter) writes")
            }
            let s = Summary(samples)
            p50s.append(s.percentile(50))
            p99s.append(s.percentile(99))

            // Command-level: 10 shells running `warroom chat` in a loop.
            let commands = context.quick ? 5 : 50
            nonisolated(unsafe) var commandTimes = [[Double]](repeating: [], count: Self.writers)
            try concurrently(Self.writers) { n in
                for i in 0..<commands {
                    let o = try ChildProcess.run(context.warroom, ["chat", "bench \(n) \(i)", "--db", db])
                    guard o.status == 0 else { throw BenchError("warroom chat exited \(o.status)") }
                    commandTimes[n].append(o.seconds * 1000)
                }
            }
            let c = Summary(commandTimes.flatMap { $0 })
            cmd50.append(c.percentile(50))
            cmd99.append(c.percentile(99))
        }
        let t = backend.title
        return [Format.row("  \(t) store post() p50", Summary(p50s), unit: "ms", decimals: 2),
                Format.row("  \(t) store post() p99", Summary(p99s), unit: "ms", decimals: 2),
                Format.row("  \(t) `warroom chat` command p50", Summary(cmd50), unit: "ms", decimals: 1),
                Format.row("  \(t) `warroom chat` command p99", Summary(cmd99), unit: "ms", decimals: 1)]
    }

    /// Writer mode: open once, post `count` lines, print each latency in ms.
    static func writer(db: String, count: Int, id: Int) throws {
        let store = try WarRoomStore(path: db)
        var out = ""
        for i in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            try store.post(.chat, text: "writer \(id) line \(i)")
            out += "\(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)\n"
        }
        print(out, terminator: "")
    }

    private func concurrently(_ n: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let group = DispatchGroup()
        nonisolated(unsafe) var failure: Error?
        let lock = NSLock()
        for i in 0..<n {
            let t = Thread {
                do { try body(i) } catch { lock.lock(); failure = error; lock.unlock() }
                group.leave()
            }
            group.enter()
            t.start()
        }
        group.wait()
        if let failure { throw failure }
    }
}
