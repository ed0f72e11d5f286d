import Foundation

/// Startup to the first frame: the real `warroom --db DB` spawned on a
/// 120×40 pty over the history database (1,000,000 log lines, 10,000
/// incidents; a twentieth with --quick), timed from the spawn to its first byte
/// on the terminal, to the read that completes the status pane's title
/// ("Status"), and to the last byte of the first burst (nothing more for
/// 300 ms). The page cache is warm: the file was just written.
struct StartupBench {
    let context: BenchContext

    struct Figures {
        var firstByte: Summary
        var title: Summary
        var settled: Summary
    }

    func run() throws -> [String] {
        let history = try context.history.database(scale: 1, context: context)
        let f = try figures(scale: 1)
        return ["Startup: `warroom --db DB` on a 120×40 pty over \(history.contents)"] + Self.rows(f)
    }

    static func rows(_ f: Figures, against reference: Figures? = nil) -> [String] {
        [Format.row("  spawn → first byte on the terminal", f.firstByte, unit: "ms", decimals: 1, against: reference?.firstByte),
         Format.row("  spawn → status pane title (goal ≤ 200 ms)", f.title, unit: "ms", decimals: 1, against: reference?.title),
         Format.row("  spawn → first frame complete", f.settled, unit: "ms", decimals: 1, against: reference?.settled)]
    }

    func figures(scale: Int) throws -> Figures {
        try context.history.figures("startup-\(scale)") {
            try measure(try context.history.database(scale: scale, context: context))
        }
    }

    private func measure(_ history: HistoryDatabase) throws -> Figures {
        var first: [Double] = [], title: [Double] = [], settled: [Double] = []
        for _ in 0..<context.runs {
            let session = try PtySession(context.warroom, ["--db", history.path], environment: context.warroomEnvironment)
            session.waitForQuiet(0.3, timeout: 20, needOutput: true)
            let f = session.firstByteMs, t = session.milliseconds(untilOutputContains: "Status"), s = session.lastByteMs
            session.terminate()
            guard let f, let t, let s else { throw BenchError("the war room drew no status pane within 20 s") }
            first.append(f)
            title.append(t)
            settled.append(s)
        }
        return Figures(firstByte: Summary(first), title: Summary(title), settled: Summary(settled))
    }
}
