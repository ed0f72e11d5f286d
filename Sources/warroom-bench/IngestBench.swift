import Foundation

/// One syslog file into the war room's database three ways (`warroom
/// ingest`, the logfile collector polled back to back, and `warroom
/// collect` running that collector for real), beside two references: the
/// sqlite3 shell's `.import` of the same file into a one-column table of a
/// WAL database, and lnav indexing it headless. Every run of every
/// contender writes a fresh database, and all of them run in turn within
/// each round, so the machine's mood is the same for all.
struct IngestBench {
    let context: BenchContext

    private struct Contender {
        let name: String
        let run: (_ corpus: String) throws -> ChildProcess.Outcome
        var rates: [Double] = []
        var rss: [Double] = []
    }

    func run() throws -> [String] {
        let lines = context.quick ? 100_000 : 1_000_000
        let corpus = context.path("syslog-\(lines).log")
        try SyslogCorpus.write(lines: lines, to: corpus)
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0) / 1_048_576
        var report = ["Log ingest: \(Format.number(Double(lines))) syslog lines (\(Format.number(megabytes, decimals: 1)) MB), \(context.runs) runs each"]

        var contenders = [
            Contender(name: "warroom ingest") { corpus in
                let db = try freshDatabase(retaining: lines)
                return try ChildProcess.run(context.warroom, ["ingest", "--source", "bench", "--db", db, "--quiet"], stdinPath: corpus)
            },
            Contender(name: "logfile collector, back-to-back polls") { corpus in
                try CollectorIngest.polledBackToBack(context: context, db: try freshDatabase(retaining: lines), file: corpus, lines: lines)
            },
        ]
        if context.quick {
            report.append("  (`warroom collect` with a logfile collector: full run only; it reads 8 MB per 1 s interval)")
        } else {
            contenders.append(Contender(name: "warroom collect, logfile collector") { corpus in
                try CollectorIngest.warroomCollect(context: context, db: try freshDatabase(retaining: lines), file: corpus, lines: lines)
            })
        }
        let sqliteAt = contenders.count
        if let sqlite = BenchContext.which("sqlite3") {
            contenders.append(Contender(name: "sqlite3 .import (WAL)") { corpus in try importWithSQLite(sqlite, corpus) })
        } else {
            report.append("  sqlite3 not installed: no reference (apt-get install sqlite3)")
        }
        let lnavAt = contenders.count
        if let lnav = LnavReference(context: context) {
            if let problem = try lnav.recognitionProblem(file: corpus, lines: lines, scratch: context.scratch) {
                report.append("  lnav: \(problem)")
            }
            contenders.append(Contender(name: "lnav -n (headless index + count)") { corpus in try lnav.index(corpus) })
        } else {
            report.append("  lnav not installed: no reference (apt-get install lnav)")
        }

        for _ in 0..<context.runs {
            for i in contenders.indices {
                let o = try contenders[i].run(corpus)
                guard o.status == 0 else {
                    throw BenchError("\(contenders[i].name) exited \(o.status)")
                }
                contenders[i].rates.append(Double(lines) / o.seconds)
                contenders[i].rss.append(o.peakRSSMegabytes)
            }
        }

        if CollectorIngest.ignoredSIGTERM > 0 {
            report.append("  (`warroom collect` ignored SIGTERM in \(CollectorIngest.ignoredSIGTERM) of \(context.runs) runs and was killed)")
        }
        let sqlite = contenders.indices.contains(sqliteAt) ? Summary(contenders[sqliteAt].rates) : nil
        let lnav = contenders.indices.contains(lnavAt) ? Summary(contenders[lnavAt].rates) : nil
        for c in contenders {
            report.append(Format.row("  \(c.name)", Summary(c.rates), unit: "lines/s"))
            report.append(Format.row("    peak RSS (goal < 100 MB)", Summary(c.rss), unit: "MB", decimals: 1))
        }
        for c in contenders.prefix(sqliteAt) {
            let rate = Summary(c.rates).median
            var ratios: [String] = []
            if let sqlite { ratios.append("/ sqlite3 \(Format.number(rate / sqlite.median, decimals: 2)) (goal ≥ 0.50)") }
            if let lnav { ratios.append("/ lnav \(Format.number(rate / lnav.median, decimals: 2)) (goal > 1)") }
            report.append("  ratio \(c.name) " + ratios.joined(separator: ", "))
        }
        return report
    }

    private func freshDatabase(retaining lines: Int) throws -> String {
        let db = context.freshDatabase("ingest.db")
        let o = try ChildProcess.run(context.warroom, ["init", "--db", db, "--log-retention", String(lines * 2)])
        guard o.status == 0 else { throw BenchError("warroom init exited \(o.status)") }
        return db
    }

    private func importWithSQLite(_ sqlite: String, _ corpus: String) throws -> ChildProcess.Outcome {
        let db = context.freshDatabase("sqlite.db")
        let script = context.path("import.sql")
        try """
            PRAGMA journal_mode=WAL;
            CREATE TABLE log(line TEXT);
            .separator "\\037" "\\n"
            .import \(corpus) log
            """.write(toFile: script, atomically: true, encoding: .utf8)
        return try ChildProcess.run(sqlite, [db], stdinPath: script)
    }
}
