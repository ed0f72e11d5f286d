import Foundation

/// `warroom ingest` of a syslog file beside `sqlite3`'s `.import` of the same
/// file into a WAL database, each a fresh database per run, in one run of
/// the bench so the machine's mood is the same for both.
struct IngestBench {
    let context: BenchContext

    func run() throws -> [String] {
        let lines = context.quick ? 200_000 : 1_000_000
        let corpus = context.path("syslog-\(lines).log")
        try SyslogCorpus.write(lines: lines, to: corpus)
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0) / 1_048_576
        var report = ["Log ingest: \(Format.number(Double(lines))) syslog lines (\(Format.number(megabytes, decimals: 1)) MB), \(context.runs) runs each"]

        var warroomRates: [Double] = [], warroomRSS: [Double] = []
        var sqliteRates: [Double] = [], sqliteRSS: [Double] = []
        let sqlite = BenchContext.which("sqlite3")
        for _ in 0..<context.runs {
            let db = context.freshDatabase("ingest.db")
            _ = try ChildProcess.run(context.warroom, ["init", "--db", db, "--log-retention", String(lines * 2)])
            let w = try ChildProcess.run(context.warroom, ["ingest", "--source", "bench", "--db", db, "--quiet"], stdinPath: corpus)
            guard w.status == 0 else { throw BenchError("warroom ingest exited \(w.status)") }
            warroomRates.append(Double(lines) / w.seconds)
            warroomRSS.append(w.peakRSSMegabytes)

            if let sqlite {
                let sdb = context.freshDatabase("sqlite.db")
                let script = context.path("import.sql")
                try """
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE log(line TEXT);
                    .separator "\\037" "\\n"
                    .import \(corpus) log
                    """.write(toFile: script, atomically: true, encoding: .utf8)
                let s = try ChildProcess.run(sqlite, [sdb], stdinPath: script)
                guard s.status == 0 else { throw BenchError("sqlite3 .import exited \(s.status)") }
                sqliteRates.append(Double(lines) / s.seconds)
                sqliteRSS.append(s.peakRSSMegabytes)
            }
        }
        let wr = Summary(warroomRates)
        report.append(Format.row("  warroom ingest", wr, unit: "lines/s"))
        report.append(Format.row("  warroom ingest peak RSS", Summary(warroomRSS), unit: "MB", decimals: 1))
        if sqlite != nil {
            let sr = Summary(sqliteRates)
            report.append(Format.row("  sqlite3 .import (WAL)", sr, unit: "lines/s"))
            report.append(Format.row("  sqlite3 .import peak RSS", Summary(sqliteRSS), unit: "MB", decimals: 1))
            report.append("  ratio warroom / sqlite3 (medians): \(Format.number(wr.median / sr.median, decimals: 2))  (goal ≥ 0.50)")
        } else {
            report.append("  sqlite3 not installed: no reference (apt-get install sqlite3)")
        }
        return report
    }
}
