import Foundation
import WarRoomCore

/// What the real war room writes to a terminal and what it costs while
/// nothing happens. `warroom --db DB` runs on a 120×40 pty
/// (TERM=xterm-256color); every byte it writes is counted.
///
/// Ten war rooms run side by side, each on its own small database (an open
/// incident, chat, logs, a check): five without collectors, for the bytes
/// per idle second and per arriving chat line (`warroom chat` from another
/// process, bytes counted until 300 ms of quiet), and five with a config
/// whose collectors keep working: a logfile collector on a file nobody
/// writes and an exec collector printing one OK check every second. The
/// CPU figures are utime + stime from /proc/PID/stat over the window.
struct PtyBench {
    let context: BenchContext

    func run() throws -> [String] {
        let idleSeconds = context.quick ? 3.0 : 10.0
        let collectorSeconds = context.quick ? 10.0 : 30.0
        let chatsPerRun = context.quick ? 3 : 5
        var plain: [PtySession] = [], busy: [PtySession] = []
        defer { (plain + busy).forEach { $0.terminate() } }
        for run in 0..<context.runs {
            let db = try prepareDatabase("pty-\(run).db")
            plain.append(try PtySession(context.warroom, ["--db", db], environment: context.warroomEnvironment))
        }
        for run in 0..<context.runs {
            let db = try prepareDatabase("pty-collect-\(run).db")
            busy.append(try PtySession(context.warroom, ["--db", db, "--config", try writeConfig(run)],
                                       environment: context.warroomEnvironment))
        }
        for s in plain where !s.waitForQuiet(0.5, timeout: 20, needOutput: true) {
            throw BenchError("a war room (pid \(s.child.pid)) kept writing for 20 s after it started")
        }
        // The collectors' first polls and the lease come in the first seconds.
        Thread.sleep(until: Date().addingTimeInterval(max(0, 3 - Double(DispatchTime.now().uptimeNanoseconds - busy[0].child.started) / 1e9)))
        let busyStart = try busy.map { (bytes: $0.byteCount, cpu: try $0.cpuTicks()) }
        let busyT0 = Date()

        // Idle, no collectors.
        let idleT0 = Date()
        let idleStart = try plain.map { (bytes: $0.byteCount, cpu: try $0.cpuTicks()) }
        Thread.sleep(forTimeInterval: idleSeconds)
        let idleEnd = try plain.map { (bytes: $0.byteCount, cpu: try $0.cpuTicks()) }
        let idleT1 = Date()
        let idleBytes = zip(idleStart, idleEnd).map { Double($1.bytes - $0.bytes) / idleSeconds }
        let idleCPU = zip(idleStart, idleEnd).map { percentOfCore(ticks: $1.cpu.own - $0.cpu.own, seconds: idleSeconds) }

        // One chat line at a time, from another process.
        var chatBytes: [Double] = [], chatWorst: [Double] = []
        for (run, s) in plain.enumerated() {
            var perLine: [Double] = []
            for n in 0..<chatsPerRun {
                let before = s.byteCount
                let o = try ChildProcess.run(context.warroom, ["chat", "deploy \(run).\(n) of api v42 is out; error rate back to 0.1%",
                                                               "--db", context.path("pty-\(run).db")])
                guard o.status == 0 else { throw BenchError("warroom chat exited \(o.status)") }
                s.waitForQuiet(0.3, timeout: 5)
                perLine.append(Double(s.byteCount - before))
            }
            chatBytes.append(Summary(perLine).median)
            chatWorst.append(Summary(perLine).max)
        }

        Thread.sleep(until: busyT0.addingTimeInterval(collectorSeconds))
        let busyEnd = try busy.map { (bytes: $0.byteCount, cpu: try $0.cpuTicks()) }
        let busySeconds = Date().timeIntervalSince(busyT0)
        let busyBytes = zip(busyStart, busyEnd).map { Double($1.bytes - $0.bytes) / busySeconds }
        let busyCPU = zip(busyStart, busyEnd).map { percentOfCore(ticks: $1.cpu.own - $0.cpu.own, seconds: busySeconds) }
        let busyChildren = zip(busyStart, busyEnd).map { percentOfCore(ticks: $1.cpu.children - $0.cpu.children, seconds: busySeconds) }

        var report = ["Terminal output: `warroom` on a 120×40 pty, \(context.runs) war rooms without collectors and \(context.runs) with, side by side"]
        report.append(Format.row("  bytes per idle second (\(Format.number(idleSeconds)) s; goal 0)", Summary(idleBytes), unit: "B/s", decimals: 1))
        report.append(Format.row("  CPU idle, no collectors", Summary(idleCPU), unit: "% of a core", decimals: 2))
        report.append(Format.row("  bytes per chat line (goal ≪ 1 KB)", Summary(chatBytes), unit: "B", decimals: 0))
        report.append(Format.row("    largest of \(chatsPerRun) lines in a run", Summary(chatWorst), unit: "B", decimals: 0))
        report.append(Format.row("  with collectors: bytes per second (\(Format.number(collectorSeconds)) s)", Summary(busyBytes), unit: "B/s", decimals: 1))
        report.append(Format.row("  with collectors: CPU (goal < 1%)", Summary(busyCPU), unit: "% of a core", decimals: 2))
        report.append(Format.row("    + collector programs it ran", Summary(busyChildren), unit: "% of a core", decimals: 2))
        for (name, t0, t1) in [("idle", idleT0, idleT1), ("collector", busyT0, Date())] where Self.crossesMinute(t0, t1) {
            report.append("  (the \(name) window crossed a wall-clock minute: the war room's once-a-minute redraw of ages is in it)")
        }
        report.append("  (1 clock tick = \(Format.number(1000 / PtySession.ticksPerSecond)) ms of CPU: \(Format.number(100 / PtySession.ticksPerSecond / collectorSeconds, decimals: 3)) % over the collector window)")
        return report
    }

    private func percentOfCore(ticks: Int, seconds: Double) -> Double {
        Double(ticks) / PtySession.ticksPerSecond / seconds * 100
    }

    private static func crossesMinute(_ a: Date, _ b: Date) -> Bool {
        Int(a.timeIntervalSince1970 / 60) != Int(b.timeIntervalSince1970 / 60)
    }

    /// A war room in the middle of an incident: something on every pane,
    /// all written 25 minutes ago. (An incident younger than a minute shows
    /// its age in seconds, which every redraw a collector causes moves.)
    private func prepareDatabase(_ name: String) throws -> String {
        let path = context.freshDatabase(name)
        let store = try WarRoomStore(path: path, author: "alice", clock: { Date().addingTimeInterval(-1500) })
        let incident = try store.declare(title: "Checkout API returning 5xx", severity: .init(rawValue: 2)!, impact: "EU card payments fail")
        try store.post(.chat, text: "pgbouncer pool is at 100/100", incidentID: incident.id)
        try store.post(.chat, text: "rolling back api to v41", incidentID: incident.id)
        try store.ingest((0..<200).map { i in
            LogRecord(source: ["api", "nginx"][i % 2], at: Date().addingTimeInterval(Double(i - 1700)),
                      level: i % 9 == 0 ? .error : .info, text: "upstream request \(i) GET /v1/checkout 502")
        })
        _ = try store.recordChecks([CheckResult(name: "http api-1", source: "bench", state: .critical, output: "HTTP 502",
                                                   checkedAt: Date().addingTimeInterval(-1500))])
        _ = try store.recordAlerts([AlertObservation(source: "alertmanager", name: "CheckoutHighErrorRate", severity: "critical",
                                                 state: .firing, summary: "5xx ratio 30%", labels: ["service": "checkout"],
                                                 startsAt: Date().addingTimeInterval(-1700))])
        return path
    }

    /// A logfile collector on a file nobody writes; an exec collector
    /// printing one OK check every second.
    private func writeConfig(_ run: Int) throws -> String {
        let idleLog = context.path("idle-\(run).log")
        guard FileManager.default.createFile(atPath: idleLog, contents: nil) else { throw BenchError("cannot create \(idleLog)") }
        let config = context.path("pty-collect-\(run).yaml")
        try """
            collectors:
              - name: idle-log
                type: logfile
                path: \(idleLog)
                interval: 1s
              - name: heartbeat-check
                type: exec
                command: [/bin/echo, '{"kind":"check","name":"bench-heartbeat","state":"OK","output":"fine"}']
                interval: 1s
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }
}
