import Foundation

/// Issue #8's load: two war rooms open on 120×40 ptys while 50 processes run
/// `warroom chat` in loops and `warroom ingest` takes about 100,000 log
/// lines a second, for 30 s (10 s with --quick). Measures how long the
/// screen takes to answer a key (`?`, until the help overlay is drawn; goal
/// ≤ 200 ms), and checks that every chat line a writer was told was written
/// is in the file and that no writer saw an error.
struct LoadBench {
    let context: BenchContext

    func run() throws -> [String] {
        let seconds = context.quick ? 10 : 30
        let db = context.freshDatabase("load.db")
        guard try ChildProcess.run(context.warroom, ["init", "--db", db], environment: context.warroomEnvironment).status == 0 else {
            throw BenchError("warroom init failed")
        }
        let rooms = try (0..<2).map { _ in
            try PtySession(context.warroom, ["--db", db], environment: context.warroomEnvironment)
        }
        for room in rooms { room.waitForQuiet(0.3, timeout: 10, needOutput: true) }

        // About 100,000 lines a second: a 100,000-line chunk, then a pause.
        let chunk = context.path("chunk.log")
        try (1...100_000).map { "Nov 29 06:47:57 api-1 app[42]: INFO request \($0) served in 12ms\n" }.joined()
            .write(toFile: chunk, atomically: true, encoding: .utf8)
        let flood = try ChildProcess.spawn("/bin/sh", ["-c", """
            i=0; while [ $i -lt \(seconds) ]; do cat '\(chunk)'; sleep 1; i=$((i+1)); done | '\(context.warroom)' ingest --source flood --db '\(db)'
            """], environment: context.warroomEnvironment)
        // 50 writers until the time is up; each prints how many it wrote,
        // and "FAIL" for each refusal.
        let writers = try (0..<50).map { n in
            try ChildProcess.spawn("/bin/sh", ["-c", """
                end=$(( $(date +%s) + \(seconds) )); k=0
                while [ $(date +%s) -lt $end ]; do
                  if '\(context.warroom)' chat "writer \(n) line $k" --db '\(db)' >/dev/null 2>&1; then k=$((k+1)); else echo FAIL; fi
                done; echo "wrote $k"
                """], stdoutPath: context.path("writer-\(n).out"), environment: context.warroomEnvironment)
        }
        // A key every half second, alternating rooms; Esc closes the help.
        var latencies: [Double] = []
        var unanswered = 0
        let end = Date().addingTimeInterval(Double(seconds) - 1)
        var k = 0
        while Date() < end {
            let room = rooms[k % 2]
            k += 1
            let (time, offset) = room.type("?")
            var answered: Double?
            let deadline = Date().addingTimeInterval(5)
            while answered == nil, Date() < deadline {
                answered = room.milliseconds(until: "Keys", after: offset, since: time)
                if answered == nil { usleep(2_000) }
            }
            if let answered { latencies.append(answered) } else { unanswered += 1 }
            room.type("\u{1B}")
            usleep(500_000)
        }
        let floodOutcome = flood.wait()
        var written = 0, failures = 0
        for (n, writer) in writers.enumerated() {
            _ = writer.wait()
            let out = (try? String(contentsOfFile: context.path("writer-\(n).out"), encoding: .utf8)) ?? ""
            failures += out.split(separator: "\n").filter { $0 == "FAIL" }.count
            written += out.split(separator: "\n").compactMap { $0.hasPrefix("wrote ") ? Int($0.dropFirst(6)) : nil }.reduce(0, +)
        }
        for room in rooms { _ = room.terminate() }
        let counts = try ChildProcess.run("/usr/bin/sqlite3", [db, "SELECT (SELECT count(*) FROM event WHERE kind = 'chat') || ' ' || (SELECT count(*) FROM log_line)"],
                                          stdoutPath: context.path("counts.out"))
        let found = ((try? String(contentsOfFile: context.path("counts.out"), encoding: .utf8)) ?? "")
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let s = Summary(latencies)
        return [
            "Load: two war rooms, 50 `warroom chat` loops and ~100,000 log lines/s for \(seconds) s",
            "  key → help overlay drawn: p50 \(Format.number(s.percentile(50), decimals: 1)) ms, p99 \(Format.number(s.percentile(99), decimals: 1)) ms, "
                + "max \(Format.number(s.max, decimals: 1)) ms over \(latencies.count) keys (goal p99 ≤ 200 ms); unanswered within 5 s: \(unanswered)",
            "  chat lines the writers were told were written: \(written); in the file: \(found.first.map(String.init) ?? "?"); writers refused: \(failures)",
            "  log lines sent: \(Format.number(Double(seconds * 100_000))) in \(Format.number(floodOutcome.seconds, decimals: 1)) s "
                + "(\(Format.number(Double(seconds * 100_000) / floodOutcome.seconds)) lines/s, ingest exit \(floodOutcome.status)); "
                + "in the file: \(found.count > 1 ? Format.number(Double(found[1])) : "?") (the retention keeps the newest 2,000,000)",
            counts.status == 0 ? "" : "  (could not count with sqlite3)",
        ].filter { !$0.isEmpty }
    }
}
