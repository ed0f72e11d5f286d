import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("A user who may only read the database")
    struct ReadOnlyUserTests {
        @Test("reads work through the kept -wal and -shm; writes fail with a clear line; nothing changes")
        func readOnlyUser() throws {
            let scratch = Scratch()
            do {
                let store = try scratch.store()
                let id = try store.declare(title: "Payments down", severity: .sev1).id
                try store.post(.chat, text: "rolling back", incidentID: id)
                try store.addTask(incidentID: id, text: "page the DBA")
            }  // the last writer has closed: its -wal and -shm must still be there
            #expect(FileManager.default.fileExists(atPath: scratch.db + "-wal"))
            #expect(FileManager.default.fileExists(atPath: scratch.db + "-shm"))
            let reader = geteuid() == 0 ? "nobody" : nil
            for file in [scratch.db, scratch.db + "-wal", scratch.db + "-shm"] { chmod(file, reader == nil ? 0o444 : 0o644) }
            chmod(scratch.dir, reader == nil ? 0o555 : 0o755)
            defer { chmod(scratch.dir, 0o755) }
            let before = try scratch.counts()

            let list = try CLIRunner.run(["incident", "list", "--db", scratch.db], user: reader)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains("Payments down"))
            let show = try CLIRunner.run(["incident", "show", "1", "--format", "json", "--db", scratch.db], user: reader)
            #expect(show.status == 0 && show.stdout.contains("\"title\" : \"Payments down\""))
            let timeline = try CLIRunner.run(["timeline", "--db", scratch.db], user: reader)
            #expect(timeline.status == 0 && timeline.stdout.contains("rolling back"))
            #expect(try CLIRunner.run(["task", "list", "1", "--db", scratch.db], user: reader).stdout.contains("page the DBA"))

            let status = try CLIRunner.run(["status", "--once", "--db", scratch.db], user: reader)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("#1 SEV1 INVESTIGATING Payments down"))
            #expect(status.stdout.hasPrefix("WARROOM STATUS  [READ-ONLY]"))
            // Without a terminal, plain `status` prints one frame (an SSH forced command without a pty).
            let plain = try CLIRunner.run(["status", "--format", "json", "--db", scratch.db], user: reader)
            #expect(plain.status == 0 && plain.stdout.contains("\"schemaVersion\" : 1"))

            let config = NSTemporaryDirectory() + "warroom-ro-\(getpid()).yaml"
            try "collectors:\n  - {name: x, type: exec, command: [/bin/true]}\n".write(toFile: config, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: config) }
            let writes: [[String]] = [
                ["note", "hi"], ["chat", "hi"], ["chat", "hi", "--incident", "1"], ["incident", "declare", "--title", "x", "--severity", "SEV3"],
                ["incident", "update", "1", "--status", "monitoring"], ["incident", "assign", "1", "--role", "scribe", "--user", "bob"],
                ["incident", "resolve", "1"], ["task", "add", "1", "x"], ["task", "done", "1"], ["ingest", "--source", "x"],
                ["cadence", "SEV1=10m"], ["init"], ["init", "--log-retention", "5000"], ["collect", "--config", config],
            ]
            for write in writes {
                let r = try CLIRunner.run(write + ["--db", scratch.db], stdin: Data("a log line\n".utf8), user: reader)
                #expect(r.status == 1, "\(write)")
                #expect(r.stderr.hasPrefix("warroom: cannot write to \(scratch.db): "), "\(write): \(r.stderr)")
            }
            #expect(try scratch.counts() == before)
        }

        @Test("a user outside the group cannot read at all, and is told why")
        func outsider() throws {
            try #require(geteuid() == 0, "needs root to act as another user")
            let scratch = Scratch()
            do { _ = try scratch.store().declare(title: "Secret outage", severity: .sev1) }
            chmod(scratch.dir, 0o750)  // root's group only; nobody is outside it
            defer { chmod(scratch.dir, 0o755) }
            for read in [["status", "--once"], ["incident", "list"], ["timeline"], ["alerts"], ["report"]] {
                let r = try CLIRunner.run(read + ["--db", scratch.db], user: "nobody")
                #expect(r.status == 1, "\(read)")
                #expect(r.stderr.hasPrefix("warroom: cannot read \(scratch.db): "), "\(read): \(r.stderr)")
                #expect(!r.stdout.contains("Secret outage"))
            }
        }
    }
}
