import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    @Suite("warroom backup and restore while people work")
    struct BackupRestoreTests {
        /// `sqlite3 FILE SQL`'s output, trimmed: the real CLI reads the backup.
        static func sqlite3(_ file: String, _ sql: String) throws -> String {
            try Spawn.run(["/usr/bin/sqlite3", file, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Every line in the files of `dir`.
        static func lines(in dir: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            return names.filter { !$0.hasSuffix(".err") }.flatMap { name in
                ((try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
        }

        /// `writers` shells each run `warroom chat` 4 times, recording a
        /// line as acknowledged only once `warroom chat` exited 0. Once `writers`
        /// are acknowledged, `take` makes a backup and returns the chat lines
        /// in it. Checks that it holds every line acknowledged before it
        /// began, each writer's lines as a gapless prefix (one snapshot), and
        /// that no writer was refused; returns those lines.
        static func backupUnderLoad(_ scratch: Scratch, writers: Int, take: () throws -> [String]) throws -> [String] {
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let acks = scratch.dir + "/acks"
            try FileManager.default.createDirectory(atPath: acks, withIntermediateDirectories: true)
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "WARROOM_DB")
            env["W"] = CLIRunner.binary
            env["DB"] = scratch.db
            env["ACKS"] = acks
            let shells = try (0..<writers).map { n in
                try CommandRunner.launch(["/bin/sh", "-c", """
                    i=0; while [ $i -lt 4 ]; do
                      "$W" chat "writer \(n) line $i" --db "$DB" >/dev/null 2>>"$ACKS/\(n).err" || exit 1
                      echo "writer \(n) line $i" >> "$ACKS/\(n)"; i=$((i+1))
                    done
                    """], environment: env)
            }
            for w in shells { close(w.stdout); close(w.stderr) }
            let deadline = Date().addingTimeInterval(120)
            while Self.lines(in: acks).count < writers, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            let acknowledged = Set(Self.lines(in: acks))
            #expect(acknowledged.count >= writers, "the writers got going")

            let saved = try take()
            for w in shells {
                var status: Int32 = 0
                while waitpid(w.pid, &status, 0) < 0, errno == EINTR {}
                #expect(status == 0)
            }
            for n in 0..<writers {
                #expect(((try? String(contentsOfFile: "\(acks)/\(n).err", encoding: .utf8)) ?? "") == "", "writer \(n) was refused")
            }
            #expect(acknowledged.isSubset(of: Set(saved)), "missing from the backup: \(acknowledged.subtracting(saved).sorted().prefix(5))")
            for n in 0..<writers {
                let mine = saved.filter { $0.hasPrefix("writer \(n) line ") }
                #expect(mine == (0..<mine.count).map { "writer \(n) line \($0)" }, "writer \(n): \(mine)")
            }
            return saved
        }

        @Test("a backup taken during 50 writers passes integrity_check and holds every line acknowledged before it began",
              arguments: TestBackend.allCases)
        func duringFiftyWriters(backend: TestBackend) throws {
            let scratch = try Scratch(backend)
            let backup = scratch.dir + "/backup.db"
            let saved = try Self.backupUnderLoad(scratch, writers: 50) {
                let made = try CLIRunner.run(["backup", backup, "--db", scratch.db])
                #expect(made.status == 0, "\(made.stderr)")
                #expect(made.stdout.contains("integrity ok"))
                #expect(try Self.sqlite3(backup, "PRAGMA integrity_check") == "ok")
                return try Self.sqlite3(backup, "SELECT body FROM event WHERE kind = 'chat' ORDER BY id").split(separator: "\n").map(String.init)
            }
            let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // Only the backup is left: no temporary file, no -wal or -shm beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir).filter { $0.contains("backup") } == ["backup.db"])
            // It restores (into a new file) and opens with everything in it.
            let restored = scratch.dir + "/restored.db"
            let r = try CLIRunner.run(["restore", backup, "--db", restored])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try WarRoomStore(path: restored, mode: .readOnly).timeline(kinds: [.chat]).map(\.body) == saved)
        }

        @Test("PostgreSQL: pg_dump during 20 writers, pg_restore into an empty database, and warroom works on it")
        func pgDumpDuringWriters() throws {
            let scratch = try Scratch(.postgres)
            let dump = scratch.dir + "/warroom.dump"
            let target = try PostgresCluster.shared().createDatabase()
            _ = try Self.backupUnderLoad(scratch, writers: 20) {
                #expect(try Spawn.run(["/usr/bin/pg_dump", "-Fc", "-f", dump, scratch.db]).status == 0)
                #expect(try Spawn.run(["/usr/bin/pg_restore", "--no-owner", "--clean", "--if-exists", "-d", target, dump]).status == 0)
                return try WarRoomStore(path: target, mode: .readOnly).timeline(kinds: [.chat]).map(\.body)
            }
            let after = try CLIRunner.run(["chat", "on the restored database", "--db", target])
            #expect(after.status == 0, "\(after.stderr)")
            #expect(try WarRoomStore(path: target).integrityCheck() == "ok")
        }

        @Test("a backup never overwrites a file, nor names the war room itself")
        func refusesExisting() throws {
            let scratch = Scratch()
            _ = try scratch.store().post(.chat, text: "hello")
            let taken = scratch.dir + "/b.db"
            #expect(try CLIRunner.run(["backup", taken, "--db", scratch.db]).status == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: taken))
            let again = try CLIRunner.run(["backup", taken, "--db", scratch.db])
            #expect(again.status == 1 && again.stderr.contains("exists; give the backup a new name"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: taken)) == before)
            let itself = try CLIRunner.run(["backup", scratch.db, "--db", scratch.db])
            #expect(itself.status == 1 && itself.stderr.contains("is the war room itself"), "\(itself.stderr)")
        }

        @Test("restore refuses a database in use (a war room open on it), then replaces it whole once it is closed")
        func refusesInUse() throws {
            let scratch = Scratch()
            do {
                let store = try scratch.store()
                let id = try store.declare(title: "Payments down", severity: .sev1).id
                try store.post(.chat, text: "before the backup", incidentID: id)
            }
            let backup = scratch.dir + "/b.db"
            #expect(try CLIRunner.run(["backup", backup, "--db", scratch.db]).status == 0)
            do { _ = try scratch.store().post(.chat, text: "after the backup") }
            chmod(scratch.db, 0o640)

            var room: TmuxSession? = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(room?.waitFor("1 Status", seconds: 10) == true)
            let refused = try CLIRunner.run(["restore", backup, "--db", scratch.db])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is in use by process") && refused.stderr.contains("nothing was restored"), "\(refused.stderr)")
            #expect(try WarRoomStore(path: scratch.db, mode: .readOnly).timeline(kinds: [.chat]).map(\.body) == ["before the backup", "after the backup"])
            room = nil  // tmux gone: the war room gets its SIGHUP and exits

            var done = try CLIRunner.run(["restore", backup, "--db", scratch.db])
            let deadline = Date().addingTimeInterval(10)
            while done.status != 0, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.2)
                done = try CLIRunner.run(["restore", backup, "--db", scratch.db])
            }
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout.contains("integrity ok") && done.stdout.contains("replaced the old file"))
            #expect(try Self.sqlite3(scratch.db, "PRAGMA integrity_check") == "ok")
            #expect(try WarRoomStore(path: scratch.db).timeline(kinds: [.chat]).map(\.body) == ["before the backup"])
            let mode = try FileManager.default.attributesOfItem(atPath: scratch.db)[.posixPermissions] as? Int
            #expect(mode == 0o640, "the restored file keeps the old one's mode")
        }

        @Test("a damaged backup, another program's file or a newer warroom's is refused, and the database is left byte for byte")
        func refusesBadBackups() throws {
            let scratch = Scratch()
            do {
                let store = try scratch.store()
                let id = try store.declare(title: "Payments down", severity: .sev1).id
                for i in 0..<300 { try store.post(.chat, text: "line \(i) " + String(repeating: "x", count: 200), incidentID: id) }
            }
            let good = scratch.dir + "/good.db"
            #expect(try CLIRunner.run(["backup", good, "--db", scratch.db]).status == 0)
            // Garbage over a page in the middle of the event table.
            let damaged = scratch.dir + "/damaged.db"
            var bytes = try Data(contentsOf: URL(fileURLWithPath: good))
            let page = 4096 * (bytes.count / 4096 / 2)
            bytes.replaceSubrange(page + 100..<page + 2100, with: Data(repeating: 0x5A, count: 2000))
            try bytes.write(to: URL(fileURLWithPath: damaged))
            #expect(try Self.sqlite3(damaged, "PRAGMA integrity_check") != "ok", "the damage is real")
            let foreign = scratch.dir + "/foreign.db"
            _ = try Self.sqlite3(foreign, "CREATE TABLE photos(id INTEGER PRIMARY KEY)")
            let newer = scratch.dir + "/newer.db"
            try FileManager.default.copyItem(atPath: good, toPath: newer)
            _ = try Self.sqlite3(newer, "INSERT INTO grdb_migrations VALUES ('v99: from the future')")

            let files = { ["", "-wal", "-shm"].map { try? Data(contentsOf: URL(fileURLWithPath: scratch.db + $0)) } }
            let before = files()
            for (bad, says) in [(damaged, "damaged"), (foreign, "another program's table \"photos\""), (newer, "newer warroom")] {
                let r = try CLIRunner.run(["restore", bad, "--db", scratch.db])
                #expect(r.status == 1, "\(bad)")
                #expect(r.stderr.hasPrefix("warroom: ") && r.stderr.contains(bad) && r.stderr.contains(says), "\(r.stderr)")
                #expect(files() == before, "the database is untouched after \(bad)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir).filter { $0.hasSuffix(".partial") } == [])
            }
            #expect(try WarRoomStore(path: scratch.db).timeline(kinds: [.chat]).count == 300)
        }
    }
}
