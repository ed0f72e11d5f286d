import Foundation
import Testing
import WarRoomCore
import WarRoomTestSupport

extension CLITests {
    @Suite("Bad input gets one clear line, a non-zero exit, and writes nothing")
    struct BadInputTests {
        struct Case: CustomTestStringConvertible, Sendable {
            var name: String
            var arguments: [String]
            var message: String
            var status: Int32
            var testDescription: String { name }
        }

        static let huge = String(repeating: "x", count: 64 * 1024 + 1)

        static let cases: [Case] = [
            Case(name: "unknown severity", arguments: ["incident", "declare", "--title", "t", "--severity", "SEV9"],
                 message: "'SEV9' is invalid for '--severity", status: 64),
            Case(name: "unknown status", arguments: ["incident", "update", "1", "--status", "fixed"],
                 message: "'fixed' is invalid for '--status", status: 64),
            Case(name: "unknown role", arguments: ["incident", "assign", "1", "--role", "boss", "--user", "bob"],
                 message: "'boss' is invalid for '--role", status: 64),
            Case(name: "empty title", arguments: ["incident", "declare", "--title", "  ", "--severity", "SEV2"],
                 message: "warroom: the title is empty", status: 1),
            Case(name: "title over two lines", arguments: ["incident", "declare", "--title", "a\nb", "--severity", "SEV2"],
                 message: "warroom: the title must be a single line", status: 1),
            Case(name: "missing incident (chat)", arguments: ["chat", "hi", "--incident", "99"],
                 message: "warroom: no incident #99", status: 1),
            Case(name: "missing incident (update)", arguments: ["incident", "update", "99", "--status", "identified"],
                 message: "warroom: no incident #99", status: 1),
            Case(name: "missing incident (resolve)", arguments: ["incident", "resolve", "99"],
                 message: "warroom: no incident #99", status: 1),
            Case(name: "missing incident (task)", arguments: ["task", "add", "99", "do it"],
                 message: "warroom: no incident #99", status: 1),
            Case(name: "missing task", arguments: ["task", "done", "42"], message: "warroom: no task #42", status: 1),
            Case(name: "update with nothing", arguments: ["incident", "update", "1"],
                 message: "give at least one of --status, --severity, --message, --impact, --summary or --service", status: 64),
            Case(name: "bad user name", arguments: ["incident", "assign", "1", "--role", "scribe", "--user", "bob;rm -rf"],
                 message: "warroom: invalid user name", status: 1),
            Case(name: "chat over 64 KiB", arguments: ["chat", huge], message: "the limit is 65536 (64 KiB)", status: 1),
            Case(name: "note over 64 KiB", arguments: ["note", huge], message: "the limit is 65536 (64 KiB)", status: 1),
        Case(name: "summary over 64 KiB, with a valid status", arguments: ["incident", "update", "1", "--status", "identified", "--summary", huge],
             message: "the summary is 65537 bytes", status: 1),
            Case(name: "empty chat", arguments: ["chat", ""], message: "warroom: the chat line is empty", status: 1),
            Case(name: "bad duration", arguments: ["timeline", "--since", "soon"],
                 message: "warroom: --since takes a duration from 0s to 100 years, like 30m, 2h or 7d (not \"soon\")\n", status: 1),
            Case(name: "empty source", arguments: ["ingest", "--source", " "], message: "warroom: invalid source name", status: 1),
            // Numbers too big for a date or an Int trapped (SIGILL) or tried to allocate terabytes.
            Case(name: "timeline --since beyond 100 years", arguments: ["timeline", "--since", "10000000000000000s"],
                 message: "warroom: --since takes a duration from 0s to 100 years, like 30m, 2h or 7d (not \"10000000000000000s\")\n", status: 1),
            Case(name: "cadence beyond any Int", arguments: ["cadence", "SEV1=99999999999999999999m"],
                 message: "warroom: SEV1 takes a duration from 1m to 1d, like 15m or 1h (or none) (not \"99999999999999999999m\")\n", status: 1),
            Case(name: "cadence just over its limit names what was typed", arguments: ["cadence", "SEV1=86401s"],
                 message: "warroom: SEV1 takes a duration from 1m to 1d, like 15m or 1h (or none) (not \"86401s\")\n", status: 1),
            Case(name: "ingest --batch of terabytes", arguments: ["ingest", "--source", "api", "--batch", "99999999999"],
                 message: "warroom: --batch takes a whole number from 1 to 100000 (not \"99999999999\")\n", status: 1),
            Case(name: "ingest --batch 0", arguments: ["ingest", "--source", "api", "--batch", "0"],
                 message: "warroom: --batch takes a whole number from 1 to 100000 (not \"0\")\n", status: 1),
            Case(name: "ingest --batch negative", arguments: ["ingest", "--source", "api", "--batch=-5"],
                 message: "warroom: --batch takes a whole number from 1 to 100000 (not \"-5\")\n", status: 1),
            Case(name: "report --since beyond 10 years", arguments: ["report", "--since", "9999999999999d"],
                 message: "warroom: --since takes a duration from 1d to 10 years, like 90d or 52w (not \"9999999999999d\")\n", status: 1),
            Case(name: "blank user name is quoted as typed", arguments: ["incident", "assign", "1", "--role", "scribe", "--user", " "],
                 message: "warroom: invalid user name \" \"", status: 1),
        ]

        /// A database holding one incident (#1) with a task, so every failure
        /// has something it could wrongly change.
        func seeded(_ backend: TestBackend = .sqlite) throws -> Scratch {
            let scratch = try Scratch(backend)
            let store = try scratch.store()
            let incident = try store.declare(title: "Checkout 5xx", severity: .sev2)
            try store.addTask(incidentID: incident.id, text: "roll back")
            return scratch
        }

        @Test(arguments: cases, TestBackend.allCases)
        func refused(_ c: Case, _ backend: TestBackend) throws {
            let scratch = try seeded(backend)
            let before = try scratch.counts()
            let r = try CLIRunner.run(c.arguments + ["--db", scratch.db])
            #expect(r.status == c.status)
            #expect(r.stderr.contains(c.message), "stderr was: \(r.stderr)")
            #expect(r.stdout == "")
            #expect(try scratch.counts() == before)
        }

        @Test("argument that is not valid UTF-8")
        func invalidUTF8() throws {
            let scratch = try seeded()
            let before = try scratch.counts()
            // Process takes Strings; go through a shell to pass raw bytes.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "exec \"$W\" chat \"$(printf 'bad \\377\\376 bytes')\" --db \"$DB\""]
            p.environment = ["W": CLIRunner.binary, "DB": scratch.db, "PATH": "/usr/bin:/bin"]
            let err = Pipe()
            p.standardError = err
            try p.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 1)
            #expect(stderr == "warroom: argument 2 is not valid UTF-8; nothing was written\n")
            #expect(try scratch.counts() == before)
        }

        @Test("--db that is a directory")
        func databaseIsDirectory() throws {
            let scratch = Scratch()
            let r = try CLIRunner.run(["chat", "hi", "--db", scratch.dir])
            #expect(r.status == 1)
            #expect(r.stderr == "warroom: \(scratch.dir) is a directory, not a database file; give a file path with --db\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir).isEmpty)
        }

        @Test("--db that is not a SQLite file is left untouched")
        func databaseNotSQLite() throws {
            let scratch = Scratch()
            let path = scratch.dir + "/notes.txt"
            let content = Data("these are my notes, not a database\n".utf8)
            #expect(FileManager.default.createFile(atPath: path, contents: content))
            for args in [["chat", "hi"], ["init"], ["incident", "list"]] {
                let r = try CLIRunner.run(args + ["--db", path])
                #expect(r.status == 1)
                #expect(r.stderr == "warroom: \(path) is not a warroom database (not a SQLite file); refusing to touch it\n")
            }
            #expect(FileManager.default.contents(atPath: path) == content)
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir) == ["notes.txt"])
        }

        @Test("--db in a directory that does not exist")
        func databaseDirectoryMissing() throws {
            let r = try CLIRunner.run(["chat", "hi", "--db", "/nonexistent-warroom-dir/x.db"])
            #expect(r.status == 1)
            #expect(r.stderr == "warroom: cannot write to /nonexistent-warroom-dir/x.db: directory /nonexistent-warroom-dir does not exist\n")
        }

        @Test("--db the user may not write")
        func databaseUnwritable() throws {
            let scratch = try seeded()
            let before = try scratch.counts()
            let unprivileged = geteuid() == 0 ? "nobody" : nil
            chmod(scratch.db, 0o644)
            chmod(scratch.dir, 0o755)
            if unprivileged == nil { chmod(scratch.db, 0o444) }
            let r = try CLIRunner.run(["chat", "hi", "--db", scratch.db], user: unprivileged)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("warroom: cannot write to \(scratch.db): "), "stderr was: \(r.stderr)")
            #expect(try scratch.counts() == before)
        }

        @Test("a leading --db works like a trailing one")
        func leadingDatabaseOption() throws {
            let scratch = Scratch()
            let r = try CLIRunner.run(["--db", scratch.db, "chat", "hello"])
            #expect(r.status == 0)
            #expect(try scratch.store().timeline().map(\.body) == ["hello"])
        }
    }
}
