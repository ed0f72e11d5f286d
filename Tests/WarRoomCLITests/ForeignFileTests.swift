import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// Issue 22: a --db that names something that is not warroom's is
    /// refused by every command, and left exactly as it was.
    @Suite("--db that names something else")
    struct ForeignFileTests {
        static let commands: [[String]] = [["chat", "hi"], ["init"], ["incident", "list"], ["status", "--once"]]

        static func sqlite3(_ db: String, _ sql: String) throws {
            try ThrowawayTeam.run("/usr/bin/sqlite3", [db, sql])
        }

        @Test("another program's SQLite database")
        func foreignDatabase() throws {
            let scratch = Scratch()
            let path = scratch.dir + "/f.db"
            try Self.sqlite3(path, "CREATE TABLE users(id INTEGER PRIMARY KEY); INSERT INTO users VALUES (7)")
            let before = FileManager.default.contents(atPath: path)
            for command in Self.commands {
                let r = try CLIRunner.run(command + ["--db", path])
                #expect(r.status == 1, "\(command)")
                #expect(r.stderr == "warroom: \(path) is not a warroom database (it holds another program's table \"users\"); refusing to touch it\n", "\(command)")
                #expect(r.stdout == "")
            }
            #expect(FileManager.default.contents(atPath: path) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir) == ["f.db"])
        }

        @Test("an empty file, or a SQLite file with no tables, may become the database")
        func emptyFiles() throws {
            let scratch = Scratch()
            let empty = scratch.dir + "/empty.db", bare = scratch.dir + "/bare.db"
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            try Self.sqlite3(bare, "CREATE TABLE t(x); DROP TABLE t")
            for path in [empty, bare] {
                let r = try CLIRunner.run(["chat", "hi", "--db", path])
                #expect(r.status == 0, "\(path): \(r.stderr)")
                #expect(try WarRoomStore(path: path, mode: .readOnly).timeline().map(\.body) == ["hi"])
            }
        }

        @Test("--db /dev/null is refused, and nothing is made beside it")
        func devNull() throws {
            let journal = "/dev/null-journal"
            try? FileManager.default.removeItem(atPath: journal)
            for command in Self.commands {
                let r = try CLIRunner.run(command + ["--db", "/dev/null"])
                #expect(r.status == 1, "\(command)")
                #expect(r.stderr == "warroom: /dev/null is a character device, not a database file; give --db the path of a regular file (or of one to create)\n", "\(command)")
            }
            #expect(!FileManager.default.fileExists(atPath: journal))
        }

        @Test("a FIFO is refused before SQLite opens it (it used to block forever)")
        func fifo() throws {
            let scratch = Scratch()
            let path = scratch.dir + "/pipe"
            #expect(mkfifo(path, 0o666) == 0)
            // Held open read-write here, so that a warroom that did open it
            // would fail rather than wait for a writer forever.
            let holder = open(path, O_RDWR | O_NONBLOCK)
            defer { close(holder) }
            for command in Self.commands {
                let r = try CLIRunner.run(command + ["--db", path])
                #expect(r.status == 1, "\(command)")
                #expect(r.stderr == "warroom: \(path) is a FIFO (named pipe), not a database file; give --db the path of a regular file (or of one to create)\n", "\(command)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir) == ["pipe"])
        }

        @Test("a database from a newer warroom names the migration this one does not know")
        func newerMigration() throws {
            let scratch = Scratch()
            _ = try scratch.store()
            try Self.sqlite3(scratch.db, "INSERT INTO grdb_migrations VALUES ('v3: from the future')")
            for command in Self.commands {
                let r = try CLIRunner.run(command + ["--db", scratch.db])
                #expect(r.status == 1, "\(command)")
                #expect(r.stderr == "warroom: \(scratch.db) was changed by a newer warroom: migration \"v3: from the future\" is unknown to this one (schema version \(WarRoomStore.currentSchemaVersion)); upgrade warroom\n", "\(command): \(r.stderr)")
            }
        }
    }
}
