import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("warroom ingest")
    struct IngestTests {
        @Test("lines from stdin land in order with levels, times and source")
        func ingestsLines() throws {
            let scratch = Scratch()
            let input = """
                2026-11-29T06:47:57.250Z api-1 ERROR upstream timed out after 30s
                <12>Nov 29 06:48:00 db-1 postgres[311]: checkpoint took too long
                plain line without a stamp
                \r
                last line has no newline
                """
            let r = try CLIRunner.run(["ingest", "--source", "api", "--db", scratch.db], stdin: Data(input.utf8))
            #expect(r.status == 0)
            #expect(r.stderr.contains("ingested 4 lines"))
            let lines = try scratch.store().logLines()
            #expect(lines.map(\.text) == [
                "2026-11-29T06:47:57.250Z api-1 ERROR upstream timed out after 30s",
                "<12>Nov 29 06:48:00 db-1 postgres[311]: checkpoint took too long",
                "plain line without a stamp",
                "last line has no newline",
            ])
            #expect(lines.map(\.level) == [.error, .warning, .unknown, .unknown])
            #expect(lines[0].at == Date(timeIntervalSince1970: 1_795_934_877.25))
            #expect(Set(lines.map(\.source)) == ["api"])
        }

        @Test("binary garbage on stdin never crashes ingest")
        func binaryGarbage() throws {
            let scratch = Scratch()
            var rng = SplitMix64(seed: 42)
            var bytes = [UInt8](repeating: 0, count: 2_000_000)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            // And a line over 64 KiB of valid multi-byte text.
            bytes += [10] + Array(String(repeating: "é", count: 40_000).utf8) + [10]
            let r = try CLIRunner.run(["ingest", "--source", "noise", "--db", scratch.db], stdin: Data(bytes))
            #expect(r.status == 0)
            let store = try scratch.store()
            #expect(try store.integrityCheck() == "ok")
            let lines = try store.logLines(limit: 100_000)
            #expect(lines.count > 7000)
            #expect(lines.allSatisfy { $0.text.utf8.count <= TextInput.maxBytes })
            #expect(lines.allSatisfy { !$0.text.contains("\u{0}") })
            // The long line was cut into pieces that add up to it, none split mid-character.
            let pieces = lines.suffix(2).map(\.text)
            #expect(pieces.joined() == String(repeating: "é", count: 40_000))
            #expect(pieces.allSatisfy { $0.allSatisfy { $0 == "é" } })
        }

        @Test("kill -9 during a large ingest: file intact, committed lines a gap-free prefix")
        func killNineDuringIngest() throws {
            let scratch = Scratch()
            _ = try CLIRunner.run(["init", "--db", scratch.db])
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            p.arguments = ["ingest", "--source", "bulk", "--db", scratch.db]
            let input = Pipe()
            p.standardInput = input
            p.standardError = FileHandle.nullDevice
            try p.run()
            let writer = Thread {
                let h = input.fileHandleForWriting
                var n = 0
                while n < 3_000_000 {
                    var chunk = ""
                    for _ in 0..<1000 {
                        n += 1
                        chunk += "Nov 29 06:47:57 host app[1]: INFO request \(n) served in 12ms\n"
                    }
                    do { try h.write(contentsOf: Data(chunk.utf8)) } catch { return }
                }
                try? h.close()
            }
            writer.start()
            // Let it commit a good number of batches, then kill it mid-stream.
            let store = try WarRoomStore(path: scratch.db, mode: .readOnly)
            let deadline = Date().addingTimeInterval(30)
            while try store.logLineCount() < 50_000, Date() < deadline { usleep(20_000) }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal)

            let after = try scratch.store()
            #expect(try after.integrityCheck() == "ok")
            let lines = try after.logLines(limit: 5_000_000)
            #expect(lines.count >= 50_000)
            // Committed batches are whole and in order: line k is request k.
            for (k, line) in lines.enumerated() where k % 997 == 0 || k == lines.count - 1 {
                #expect(line.text.contains("request \(k + 1) served"))
            }
        }
    }
}

/// A small deterministic generator, so garbage is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
