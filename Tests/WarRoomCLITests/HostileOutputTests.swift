import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Hostile text through every command's output")
    struct HostileOutputTests {
        @Test("no command prints an escape, a C1 control or a bidi override that came from outside")
        func commands() throws {
            let scratch = Scratch()
            let attack = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}6n\u{202E}gnp\u{200B}"
            let store = try scratch.store()
            let id = try store.declare(title: "Outage " + attack, severity: .sev1, impact: attack).id
            try store.update(incidentID: id, message: "update " + attack, summary: attack)
            try store.post(.chat, text: "chat " + attack, incidentID: id)
            try store.addTask(incidentID: id, text: "task " + attack)
            try store.ingest([LogRecord(source: "api", at: Date(), level: .error, text: "log " + attack)])
            try store.recordAlerts([AlertObservation(fingerprint: "f", source: "am", name: "A" + attack, severity: attack, state: .firing,
                                                     summary: attack, labels: ["service": attack], startsAt: Date())])
            _ = try store.ackAlert(id: try store.findAlert("f").id, incidentID: id)
            try store.recordChecks([CheckResult(name: "c" + attack, source: "n", state: .critical, output: attack)])
            #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
            try store.recordCollectorFailure(run: .init(name: "x", kind: "exec", interval: 5, startedAt: Date(), error: attack, nextRunAt: nil), holder: "h")
            let commands: [[String]] = [
                ["incident", "list"], ["incident", "show", "\(id)"], ["timeline"], ["task", "list", "\(id)"], ["alerts", "--all"], ["checks"],
                ["collectors"], ["status", "--once"], ["status", "--once", "--format", "markdown"], ["report"], ["report", "--format", "markdown"],
                ["report", "--format", "html"], ["brief", "\(id)"], ["export", "\(id)"],
            ]
            for command in commands {
                let r = try CLIRunner.run(command + ["--db", scratch.db])
                #expect(r.status == 0, "\(command): \(r.stderr)")
                let bytes = Array(r.stdout.utf8)
                #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(command) printed a raw escape")
                #expect(!r.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x200B },
                        "\(command) printed a C1 control or an invisible format character")
                #expect(r.stdout.contains("^[") || r.stdout.contains("<U+202E>"), "\(command): the attack is shown, made visible")
            }
        }
    }
}
