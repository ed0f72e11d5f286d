import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Many processes on one file")
    struct ConcurrentWriterTests {
        /// Starts `count` shells at once, each running `script` with $W set to the
        /// binary and $DB to the database; returns their (status, stderr).
        func shells(_ count: Int, db: String, script: (Int) -> String) throws -> [(Int32, String)] {
            var processes: [(Process, Pipe)] = []
            for n in 0..<count {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/sh")
                p.arguments = ["-c", script(n)]
                var env = ProcessInfo.processInfo.environment
                env.removeValue(forKey: "WARROOM_DB")
                env["W"] = CLIRunner.binary
                env["DB"] = db
                p.environment = env
                let err = Pipe()
                p.standardError = err
                p.standardOutput = FileHandle.nullDevice
                processes.append((p, err))
            }
            for (p, _) in processes { try p.run() }
            return processes.map { p, err in
                let data = err.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                return (p.terminationStatus, String(decoding: data, as: UTF8.self))
            }
        }

        @Test("50 writers × 10 `warroom chat` lines under a 1M-line ingest flood, two war rooms open: all 500 lines once, no busy error, screens answer")
        func fiftyWritersUnderAFlood() throws {
            let scratch = Scratch()
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let rooms = try (0..<2).map { _ in try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 120") }
            for room in rooms { #expect(room.waitFor("1 Status", seconds: 10)) }
            let flood = try CommandRunner.launch(["/bin/sh", "-c",
                "seq 1 1000000 | sed 's/.*/Nov 29 06:47:57 api-1 app[42]: INFO request & served in 12ms/' | \"$0\" ingest --source flood --db \"$1\"",
                CLIRunner.binary, scratch.db])
            // A key in the middle of it all still gets an answer.
            rooms[0].keys("?")
            #expect(rooms[0].waitFor("Help", seconds: 3), "the war room did not answer a key under load")
            rooms[0].keys("Escape")
            let results = try shells(50, db: scratch.db) { n in
                "i=0; while [ $i -lt 10 ]; do \"$W\" chat \"writer \(n) line $i\" --db \"$DB\" || exit 1; i=$((i+1)); done"
            }
            for (status, stderr) in results {
                #expect(status == 0)
                #expect(stderr == "", "a writer was refused: \(stderr)")
            }
            var status: Int32 = 0
            while waitpid(flood.pid, &status, 0) < 0, errno == EINTR {}
            close(flood.stdout); close(flood.stderr)
            #expect(status == 0, "the ingest flood failed")
            let store = try scratch.store()
            #expect(try store.logLineCount() == 1_000_000)
            let bodies = try store.timeline(kinds: [.chat]).map(\.body)
            #expect(bodies.count == 500)
            #expect(Set(bodies) == Set((0..<50).flatMap { n in (0..<10).map { "writer \(n) line \($0)" } }))
            for n in 0..<50 {
                let mine = bodies.filter { $0.hasPrefix("writer \(n) line ") }
                #expect(mine == (0..<10).map { "writer \(n) line \($0)" }, "writer \(n)'s lines are in its order")
            }
            let last = try #require(bodies.last)
            for room in rooms {
                #expect(room.waitFor(last, seconds: 5), "each war room shows the last line, \(last)")
            }
        }

        @Test("10 processes opening a fresh file at once all succeed, schema current")
        func tenProcessesCreateOneFile() throws {
            for round in 0..<3 {
                let scratch = Scratch()
                let results = try shells(10, db: scratch.db) { n in "\"$W\" chat \"first words \(n)\" --db \"$DB\"" }
                for (status, stderr) in results {
                    #expect(status == 0, "round \(round)")
                    #expect(stderr == "", "round \(round)")
                }
                let store = try scratch.store()
                #expect(try store.schemaVersion() == WarRoomStore.currentSchemaVersion)
                #expect(try store.timeline(kinds: [.chat]).count == 10)
                #expect(try store.integrityCheck() == "ok")
            }
        }
    }
}
