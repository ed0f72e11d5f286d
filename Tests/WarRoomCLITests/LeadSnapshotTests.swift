import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("A lead reads a WAL database whose -wal and -shm are gone")
    struct LeadSnapshotTests {
        /// A war room written and closed, then opened and closed by the
        /// sqlite3 CLI, which (closing last) removes -wal and -shm; the
        /// directory and files root's, so `nobody` cannot make them again.
        static func databaseWithoutSideFiles() throws -> Scratch {
            let scratch = Scratch()
            do {
                let store = try scratch.store()
                let id = try store.declare(title: "Payments down", severity: .sev1).id
                try store.post(.chat, text: "rolling back", incidentID: id)
            }
            _ = try Spawn.run(["/usr/bin/sqlite3", scratch.db, "SELECT count(*) FROM event"])
            #expect(!FileManager.default.fileExists(atPath: scratch.db + "-wal"))
            #expect(!FileManager.default.fileExists(atPath: scratch.db + "-shm"))
            chmod(scratch.db, 0o644)
            chmod(scratch.dir, 0o755)
            return scratch
        }

        @Test("one-shot reads get the committed picture; once a writer is back they read live; writes still say cannot write")
        func oneShot() throws {
            try #require(geteuid() == 0, "needs root to act as another user")
            let scratch = try Self.databaseWithoutSideFiles()
            defer { chmod(scratch.dir, 0o777) }
            let status = try CLIRunner.run(["status", "--once", "--db", scratch.db], user: "nobody")
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("#1 SEV1 INVESTIGATING Payments down"))
            #expect(!status.stderr.contains("cannot write"))
            let timeline = try CLIRunner.run(["timeline", "--db", scratch.db], user: "nobody")
            #expect(timeline.status == 0 && timeline.stdout.contains("rolling back"), "\(timeline.stderr)")
            // A lead may take a backup from the snapshot, into a directory of their own.
            let refused = try CLIRunner.run(["backup", scratch.dir + "/b.db", "--db", scratch.db], user: "nobody")
            #expect(refused.status == 1 && refused.stderr.hasPrefix("warroom: cannot write to \(scratch.dir)/b.db: its directory \(scratch.dir) is "), "\(refused.stderr)")
            let mine = scratch.dir + "/lead"
            try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: false)
            let nobody = try #require(getpwnam("nobody")).pointee
            _ = chown(mine, nobody.pw_uid, nobody.pw_gid)
            let backup = try CLIRunner.run(["backup", mine + "/b.db", "--db", scratch.db], user: "nobody")
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(try Spawn.run(["/usr/bin/sqlite3", mine + "/b.db", "SELECT body FROM event WHERE kind = 'chat'"]).stdout == "rolling back\n")
            #expect(!FileManager.default.fileExists(atPath: scratch.db + "-wal"), "the lead made nothing")

            // A writer (root) comes back: it makes -wal and -shm again and keeps them.
            #expect(try CLIRunner.run(["chat", "back online", "--db", scratch.db]).status == 0)
            #expect(FileManager.default.fileExists(atPath: scratch.db + "-wal"))
            let live = try CLIRunner.run(["timeline", "--db", scratch.db], user: "nobody")
            #expect(live.status == 0 && live.stdout.contains("back online"), "\(live.stderr)")

            let write = try CLIRunner.run(["chat", "hi", "--db", scratch.db], user: "nobody")
            #expect(write.status == 1 && write.stderr.hasPrefix("warroom: cannot write to \(scratch.db): "), "\(write.stderr)")
        }

        @Test("live `warroom status` shows the snapshot, then what a writer adds once it has made the side files again")
        func liveStatus() throws {
            try #require(geteuid() == 0, "needs root to act as another user")
            let scratch = try Self.databaseWithoutSideFiles()
            defer { chmod(scratch.dir, 0o777) }
            let view = try TmuxSession(width: 120, height: 40,
                                       command: "runuser -u nobody -- '\(CLIRunner.binary)' status --db '\(scratch.db)'; sleep 60")
            #expect(view.waitFor("Payments down", seconds: 10), "\(view.screen())")
            #expect(!view.screen().contains("cannot read") && !view.screen().contains("cannot write"))
            _ = try scratch.store().declare(title: "Search is slow", severity: .sev2)
            #expect(view.waitFor("Search is slow", seconds: 10), "\(view.screen())")
        }
    }
}
