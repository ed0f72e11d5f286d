import Foundation
import WarRoomCore

/// Issue #7, item 6: `warroom report --since 365d` over a year of history
/// (YearOfHistory: 1,000 incidents, over 100,000 events, the same year the
/// report's test checks by hand), timed end to end as a process, text and
/// HTML, beside the same command's `--help` (process start alone) in the
/// same run. Goal ≤ 1 s. The 10× year is the year's noisy alerts ten times
/// over (about 1,000,000 events) in the full run only.
struct ReportBench {
    let context: BenchContext

    func run() throws -> [String] {
        var lines = ["Report: `warroom report --since 365d` over a year of history (goal ≤ 1 s)"]
        let db: String
        if context.quick {
            // Writing the year takes ~12 s; --quick reports over the history
            // database the frame bench already built (a year of incidents,
            // few events).
            let history = try context.history.database(scale: 1, context: context)
            db = history.path
            lines.append("  --quick: over \(history.contents), not the full year")
        } else {
            db = context.freshDatabase("year.db")
            let started = Date()
            try YearOfHistory.write(path: db, now: Date())
            let events = try WarRoomStore(path: db, mode: .readOnly).rowCounts()["event"] ?? 0
            lines.append("  the year: 1,000 incidents, \(Format.number(Double(events))) events, written in \(Format.number(Date().timeIntervalSince(started), decimals: 1)) s")
        }
        let start = try time(["--help"], db: nil)
        let text = try time(["report", "--since", "365d"], db: db)
        let html = try time(["report", "--since", "365d", "--format", "html"], db: db)
        lines.append(Format.row("  process start alone (`warroom --help`)", start, unit: "ms", decimals: 1))
        lines.append(Format.row("  report, text", text, unit: "ms", decimals: 1, against: start, referenceName: "start"))
        lines.append(Format.row("  report, html", html, unit: "ms", decimals: 1, against: start, referenceName: "start"))
        if !context.quick {
            // Ten times the alert traffic: the events the report reads most.
            let store = try WarRoomStore(path: db, author: "bench")
            for (n, fired) in YearOfHistory.noisyFired.enumerated() {
                try YearOfHistory.flap(noisyAlert: n, times: 9 * fired, store: store, at: Date())
            }
            let more = try WarRoomStore(path: db, mode: .readOnly).rowCounts()["event"] ?? 0
            let grown = try time(["report", "--since", "365d"], db: db)
            lines.append(Format.row("  report, text, \(Format.number(Double(more))) events", grown, unit: "ms", decimals: 1, against: text))
        }
        return lines
    }

    private func time(_ arguments: [String], db: String?) throws -> Summary {
        var ms: [Double] = []
        for _ in 0..<context.runs {
            let outcome = try ChildProcess.run(context.warroom, arguments + (db.map { ["--db", $0] } ?? []),
                                               environment: context.warroomEnvironment)
            guard outcome.status == 0 else { throw BenchError("warroom \(arguments.joined(separator: " ")) exited \(outcome.status)") }
            ms.append(outcome.seconds * 1000)
        }
        return Summary(ms)
    }
}
