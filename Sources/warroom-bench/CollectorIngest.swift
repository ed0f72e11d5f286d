import Foundation
import WarRoomCore

/// A log file read by the logfile collector (`from: beginning`) into the
/// database, two ways:
/// - its own cost: this bench in a child mode polls a `LogFileCollector`
///   back to back and writes each poll with `recordCollection` under the
///   collector lease, as the runner does, without the runner's schedule;
/// - the real thing: `warroom collect` with a config holding that one
///   collector, timed from its spawn until the database holds the file's
///   last line; the runner polls once per interval (1 s) and a poll reads
///   at most 8 MB, so a big backlog is read at 8 MB per second.
enum CollectorIngest {
    /// How many `warroom collect` runs had to be killed: SIGTERM did not stop them.
    nonisolated(unsafe) static var ignoredSIGTERM = 0

    /// Child mode: read the whole file, print the lines written.
    static func child(db: String, file: String) throws {
        let store = try WarRoomStore(path: db, author: "bench")
        let holder = CollectorHost.holderName(role: "bench", author: store.author)
        guard try store.acquireCollectorLease(holder: holder, ttl: 3600) else { throw BenchError("another process holds the collector lease") }
        let collector = LogFileCollector(name: "bench-log", path: file, start: .beginning)
        var written = 0
        while true {
            let started = Date()
            let observations = try collector.poll()
            if observations.logs.isEmpty { break }
            written += observations.logs.count
            let run = WarRoomStore.CollectorRun(name: collector.name, kind: collector.kind, interval: collector.interval,
                                                startedAt: started, error: nil, nextRunAt: nil)
            try store.recordCollection(observations, run: run, holder: holder)
        }
        print(written)
    }

    /// The child mode in a process of its own, for its peak RSS.
    static func polledBackToBack(context: BenchContext, db: String, file: String, lines: Int) throws -> ChildProcess.Outcome {
        let out = context.path("collector-count.txt")
        let o = try ChildProcess.run(ChildProcess.benchBinary, ["--logfile-collector", db, file], stdoutPath: out)
        let written = Int((try? String(contentsOfFile: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        guard o.status == 0, written == lines else {
            throw BenchError("the logfile collector child exited \(o.status) having written \(written.map { String($0) } ?? "?") of \(lines) lines")
        }
        return o
    }

    /// `warroom collect`; the outcome's seconds are spawn → last line in the database.
    static func warroomCollect(context: BenchContext, db: String, file: String, lines: Int) throws -> ChildProcess.Outcome {
        let config = context.path("collect-ingest.yaml")
        try """
            collectors:
              - name: bench-log
                type: logfile
                path: \(file)
                from: beginning
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let reader = try WarRoomStore(path: db, mode: .readOnly)
        let child = try ChildProcess.spawn(context.warroom, ["collect", "--config", config, "--db", db],
                                           environment: context.warroomEnvironment)
        let deadline = child.started + 600_000_000_000
        var done: UInt64?
        while DispatchTime.now().uptimeNanoseconds < deadline {
            // The last line's id is the line count in a fresh database.
            if try !reader.logLines(afterID: Int64(lines - 1), limit: 1).isEmpty {
                done = DispatchTime.now().uptimeNanoseconds
                break
            }
            usleep(20_000)
        }
        // It should stop on SIGTERM, freeing the lease; on this build it
        // does not (see docs/performance.md), so SIGKILL follows after 2 s.
        var (o, killed) = child.terminate(grace: 2)
        guard let done else { throw BenchError("warroom collect did not write \(lines) lines within 600 s") }
        guard killed || o.status == 0 || o.status == 128 + SIGTERM else { throw BenchError("warroom collect exited \(o.status)") }
        if killed { ignoredSIGTERM += 1 }
        o.status = 0
        o.seconds = Double(done - child.started) / 1e9
        return o
    }
}
