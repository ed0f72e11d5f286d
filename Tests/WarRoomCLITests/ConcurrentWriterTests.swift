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

        @Test("20 processes × 200 `warroom chat` lines: all 4,000 present once, stderr silent")
        func twentyWriters() throws {
            let scratch = Scratch()
            #expect(try CLIRunner.run(["init", "--db", scratch.db]).status == 0)
            let results = try shells(20, db: scratch.db) { n in
                "i=0; while [ $i -lt 200 ]; do \"$W\" chat \"writer \(n) line $i\" --db \"$DB\" || exit 1; i=$((i+1)); done"
            }
            for (status, stderr) in results {
                #expect(status == 0)
                #expect(stderr == "")
            }
            let events = try scratch.store().timeline(kinds: [.chat])
            #expect(events.count == 4000)
            let bodies = events.map(\.body)
            #expect(Set(bodies).count == 4000)
            let expected = Set((0..<20).flatMap { n in (0..<200).map { "writer \(n) line \($0)" } })
            #expect(Set(bodies) == expected)
            // Each writer's lines are in its own order.
            for n in 0..<20 {
                let mine = bodies.filter { $0.hasPrefix("writer \(n) line ") }
                #expect(mine == (0..<200).map { "writer \(n) line \($0)" })
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
