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

            for write in [["note", "hi"], ["chat", "hi"], ["incident", "resolve", "1"], ["init"]] {
                let r = try CLIRunner.run(write + ["--db", scratch.db], user: reader)
                #expect(r.status == 1, "\(write)")
                #expect(r.stderr.hasPrefix("warroom: cannot write to \(scratch.db): "), "\(write): \(r.stderr)")
            }
            #expect(try scratch.counts() == before)
        }
    }
}
