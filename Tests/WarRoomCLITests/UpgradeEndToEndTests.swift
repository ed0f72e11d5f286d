import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Upgrades: killed mid-migration, and a file migrated under a running war room")
    struct UpgradeEndToEndTests {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("WarRoomCoreTests/Fixtures/schema")

        /// Reads `fd` until `text` appears or `seconds` pass; returns what was read.
        static func read(_ fd: Int32, until text: String, seconds: Double) -> String {
            var seen = Data()
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains(text) {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 100) > 0 else { continue }
                let n = Glibc.read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                seen.append(contentsOf: buffer[0..<n])
            }
            return String(decoding: seen, as: UTF8.self)
        }

        @Test("kill -9 inside a migration's transaction leaves the old version, which the next start migrates with all its data")
        func killedMidMigration() throws {
            let scratch = Scratch()
            try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("v4.db").path, toPath: scratch.db)
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "WARROOM_DB")
            env["WARROOM_TEST_PAUSE_IN_MIGRATION"] = "60"
            let child = try CommandRunner.launch([CLIRunner.binary, "chat", "during the migration", "--db", scratch.db], environment: env)
            let said = Self.read(child.stderr, until: "paused inside migration \"v5", seconds: 30)
            #expect(said.contains("paused inside migration \"v5"), "\(said)")
            kill(child.pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0, errno == EINTR {}
            close(child.stdout); close(child.stderr)

            // The v5 migration's changes were never committed.
            let sqlite = { (sql: String) in try Spawn.run(["/usr/bin/sqlite3", scratch.db, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
            #expect(try sqlite("SELECT count(*) FROM grdb_migrations") == "4")
            #expect(try !sqlite("SELECT name FROM pragma_table_info('incident')").contains("service"))
            #expect(try sqlite("PRAGMA integrity_check") == "ok")

            let next = try CLIRunner.run(["chat", "after the crash", "--db", scratch.db])
            #expect(next.status == 0, "\(next.stderr)")
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            #expect(try store.schemaVersion() == WarRoomStore.currentSchemaVersion)
            #expect(try store.integrityCheck() == "ok")
            let bodies = try store.timeline().map(\.body)
            #expect(bodies.contains("rolling back payments-api to v41 — ünïcödé ok") && bodies.last == "after the crash")
            #expect(!bodies.contains("during the migration"))
            #expect(try store.incident(1)?.title == "Checkout 502s")
            #expect(try store.logFilePosition(collector: "app-log")?.host == "bastion-1")
        }

        @Test("a war room open when a newer warroom migrates the file says so on its status line; this warroom then refuses the file")
        func migratedUnderARunningWarRoom() throws {
            let scratch = Scratch()
            do { _ = try scratch.store().declare(title: "Payments down", severity: .sev1) }
            let room = try TmuxSession(width: 200, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(room.waitFor("1 Status", seconds: 10))
            // What a newer warroom's migrator leaves: one more migration recorded.
            _ = try Spawn.run(["/usr/bin/sqlite3", scratch.db, "INSERT INTO grdb_migrations VALUES ('v99: from the future'); PRAGMA user_version = 99;"])
            #expect(room.waitFor("a newer warroom upgraded the file", seconds: 5), "\(room.screen())")
            room.type("typed after the upgrade")
            room.keys("Enter")
            #expect(room.waitFor("a newer warroom upgraded the file", seconds: 3))
            let chat = try CLIRunner.run(["chat", "from an older warroom", "--db", scratch.db])
            #expect(chat.status == 1)
            #expect(chat.stderr.contains("was changed by a newer warroom: migration \"v99: from the future\" is unknown to this one"), "\(chat.stderr)")
            let bodies = try Spawn.run(["/usr/bin/sqlite3", scratch.db, "SELECT body FROM event"]).stdout
            #expect(!bodies.contains("typed after the upgrade") && !bodies.contains("from an older warroom"))
        }
    }
}
