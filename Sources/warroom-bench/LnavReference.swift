import Foundation

/// Debian's lnav indexing a log file headless, the reference a war room
/// must beat: `lnav -n -c ';SELECT count(*) FROM syslog_log' FILE`. It runs
/// with its own HOME in the scratch directory, so its config and crash
/// files stay there; the first (untimed) run installs that config and
/// checks that lnav recognised the file as syslog (the count is the line count).
struct LnavReference {
    let lnav: String
    let home: String

    init?(context: BenchContext) {
        guard let lnav = BenchContext.which("lnav") else { return nil }
        self.lnav = lnav
        home = context.path("lnav-home")
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    private var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home
        return env
    }

    private func arguments(_ file: String) -> [String] { ["-n", "-c", ";SELECT count(*) FROM syslog_log", file] }

    /// Nil when lnav counts every line as syslog; else what it counted.
    func recognitionProblem(file: String, lines: Int, scratch: String) throws -> String? {
        let out = scratch + "/lnav-count.txt"
        let o = try ChildProcess.run(lnav, arguments(file), stdoutPath: out, environment: environment)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let count = text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }.last
        guard o.status == 0, count == lines else {
            return "lnav counted \(count.map { String($0) } ?? "nothing") syslog_log rows of \(lines) lines (exit \(o.status)): "
                + "the corpus is not (all) recognised as syslog"
        }
        return nil
    }

    func index(_ file: String) throws -> ChildProcess.Outcome {
        let o = try ChildProcess.run(lnav, arguments(file), environment: environment)
        guard o.status == 0 else { throw BenchError("lnav exited \(o.status)") }
        return o
    }
}
