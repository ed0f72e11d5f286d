import Foundation
import WarRoomCore

/// One syslog file into the war room's database, on each backend. On
/// SQLite three ways (`warroom ingest`, the logfile collector polled back
/// to back, and `warroom collect` running that collector for real), beside
/// two references: the sqlite3 shell's `.import` of the same file into a
/// one-column table of a WAL database, and lnav indexing it headless. On
/// PostgreSQL `warroom ingest`, beside `psql \copy` of the rows it wrote
/// for the same lines (`PsqlCopyReference`). Every run of every
/// contender writes a fresh database, and all of them run in turn within
/// each round, so the machine's mood is the same for all.
struct IngestBench {
    let context: BenchContext
    /// The source name the lines are ingested under.
    private static let source = "bench"

    private struct Contender {
        let name: String
        let backend: BenchBackend
        /// For a reference: its short name and the goal for the war room's
        /// rate over its rate, on the same backend. Nil for the war room.
        var reference: (name: String, goal: String)? = nil
        let run: (_ corpus: String) throws -> ChildProcess.Outcome
        var rates: [Double] = []
        var rss: [Double] = []
    }

    func run() throws -> [String] {
        let lines = context.quick ? 100_000 : 1_000_000
        let corpus = context.path("syslog-\(lines).log")
        try SyslogCorpus.write(lines: lines, to: corpus)
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0) / 1_048_576
        var report = ["Log ingest: \(Format.number(Double(lines))) syslog lines (\(Format.number(megabytes, decimals: 1)) MB), \(context.runs) runs each; MB/s of that file"]

        var contenders: [Contender] = []
        for backend in context.backends {
            switch backend {
            case .sqlite:
                contenders += try sqliteContenders(lines: lines, corpus: corpus, report: &report)
            case .postgres:
                if let missing = context.postgres.unavailable {
                    report.append("  \(missing)")
                } else {
                    contenders += try postgresContenders(lines: lines, corpus: corpus, report: &report)
                }
            }
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
        for c in contenders {
            let rate = Summary(c.rates)
            report.append(Format.row("  \(c.name)", rate, unit: "lines/s")
                          + ", \(Format.number(rate.median * megabytes / Double(lines), decimals: 1)) MB/s")
            report.append(Format.row("    peak RSS (goal < 100 MB)", Summary(c.rss), unit: "MB", decimals: 1))
        }
        for c in contenders where c.reference == nil {
            let rate = Summary(c.rates).median
            let ratios = contenders.filter { $0.backend == c.backend }.compactMap { r -> String? in
                guard let reference = r.reference else { return nil }
                return "/ \(reference.name) \(Format.number(rate / Summary(r.rates).median, decimals: 2)) (goal \(reference.goal))"
            }
            if !ratios.isEmpty { report.append("  ratio \(c.name) " + ratios.joined(separator: ", ")) }
        }
        return report
    }

    private func sqliteContenders(lines: Int, corpus: String, report: inout [String]) throws -> [Contender] {
        var contenders = [
            Contender(name: "warroom ingest → SQLite", backend: .sqlite) { corpus in
                let db = try freshDatabase(retaining: lines, on: .sqlite)
                return try ChildProcess.run(context.warroom, ["ingest", "--source", Self.source, "--db", db, "--quiet"], stdinPath: corpus)
            },
            Contender(name: "logfile collector, back-to-back polls", backend: .sqlite) { corpus in
                try CollectorIngest.polledBackToBack(context: context, db: try freshDatabase(retaining: lines, on: .sqlite), file: corpus, lines: lines)
            },
        ]
        if context.quick {
            report.append("  (`warroom collect` with a logfile collector: full run only; it reads 8 MB per 1 s interval)")
        } else {
            contenders.append(Contender(name: "warroom collect, logfile collector", backend: .sqlite) { corpus in
                try CollectorIngest.warroomCollect(context: context, db: try freshDatabase(retaining: lines, on: .sqlite), file: corpus, lines: lines)
            })
        }
        if let sqlite = BenchContext.which("sqlite3") {
            contenders.append(Contender(name: "sqlite3 .import (WAL)", backend: .sqlite, reference: ("sqlite3", "≥ 0.50")) { corpus in
                try importWithSQLite(sqlite, corpus)
            })
        } else {
            report.append("  sqlite3 not installed: no reference (apt-get install sqlite3)")
        }
        if let lnav = LnavReference(context: context) {
            if let problem = try lnav.recognitionProblem(file: corpus, lines: lines, scratch: context.scratch) {
                report.append("  lnav: \(problem)")
            }
            contenders.append(Contender(name: "lnav -n (headless index + count)", backend: .sqlite, reference: ("lnav", "> 1")) { corpus in
                try lnav.index(corpus)
            })
        } else {
            report.append("  lnav not installed: no reference (apt-get install lnav)")
        }
        return contenders
    }

    private func postgresContenders(lines: Int, corpus: String, report: inout [String]) throws -> [Contender] {
        let copy = try PsqlCopyReference(context: context, cluster: try context.postgres.cluster(), corpus: corpus,
                                         source: Self.source, scratch: try freshDatabase(retaining: lines, on: .postgres))
        report.append("  (PostgreSQL 15, fsync on; psql \\copy loads the rows warroom ingest wrote for them: \(Format.number(copy.megabytes, decimals: 1)) MB)")
        return [
            Contender(name: "warroom ingest → PostgreSQL", backend: .postgres) { corpus in
                let db = try freshDatabase(retaining: lines, on: .postgres)
                defer { context.discard(db, on: .postgres) }
                return try ChildProcess.run(context.warroom, ["ingest", "--source", Self.source, "--db", db, "--quiet"], stdinPath: corpus)
            },
            Contender(name: "psql \\copy (COPY FROM STDIN)", backend: .postgres, reference: ("psql", "≥ 0.50")) { _ in
                let db = try freshDatabase(retaining: lines, on: .postgres)
                defer { context.discard(db, on: .postgres) }
                return try copy.load(into: db)
            },
        ]
    }

    private func freshDatabase(retaining lines: Int, on backend: BenchBackend) throws -> String {
        let db = try context.freshDatabase("ingest.db", on: backend)
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
