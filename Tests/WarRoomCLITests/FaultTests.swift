import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("Faults: a long writer, a full disk, signals")
    struct FaultTests {
        @Test("a writer holding the database for 10 s: warroom chat waits and succeeds; no SQLITE_BUSY reaches the user")
        func longWriter() throws {
            let scratch = Scratch()
            _ = try CLIRunner.run(["init", "--db", scratch.db])
            let holder = try CommandRunner.launch(["python3", "-c", """
                import sqlite3, sys, time
                con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
                con.execute("BEGIN IMMEDIATE")
                con.execute("INSERT INTO setting(key, value) VALUES ('long.writer', 'x')")
                print("locked", flush=True)
                time.sleep(10)
                con.execute("COMMIT")
                """, scratch.db])
            var byte: UInt8 = 0
            var said = ""
            while !said.hasSuffix("\n"), read(holder.stdout, &byte, 1) == 1 { said.append(Character(Unicode.Scalar(byte))) }
            #expect(said == "locked\n")
            let started = Date()
            let chat = try CLIRunner.run(["chat", "written while the database was locked", "--db", scratch.db])
            let waited = Date().timeIntervalSince(started)
            CommandRunner.stop(holder, signal: SIGTERM)
            #expect(chat.status == 0, "\(chat.stderr)")
            #expect(waited > 7, "it waited for the writer (\(waited) s)")
            #expect(try scratch.store().timeline(kinds: [.chat]).map(\.body) == ["written while the database was locked"])
        }

        @Test("a full disk: a clear error, nothing half-written, and writing works again once there is room")
        func diskFull() throws {
            let scratch = Scratch()
            let disk = try SmallDisk(in: scratch)
            defer { withExtendedLifetime(disk) {} }  // mounted until the test ends
            let mount = disk.mount, db = disk.db
            // Fill what is left.
            _ = try Spawn.run(["/bin/sh", "-c", "dd if=/dev/zero of='\(mount)/filler' bs=64k 2>/dev/null; true"])
            var written: [String] = []
            var refusal: CLIRunner.Result?
            let lines = (0..<3000).map { "log line \($0) " + String(repeating: "x", count: 200) }.joined(separator: "\n") + "\n"
            for n in 0..<200 where refusal == nil {
                let text = "chat line \(n)"
                let r = try CLIRunner.run(["chat", text, "--db", db])
                if r.status == 0 { written.append(text) } else { refusal = r }
                if refusal == nil, n % 10 == 0 {
                    let ingest = try CLIRunner.run(["ingest", "--source", "fill", "--db", db], stdin: Data(lines.utf8))
                    if ingest.status != 0 { refusal = ingest }
                }
            }
            let refused = try #require(refusal, "the disk never filled")
            #expect(refused.status == 1)
            // An ingest that committed batches before the disk filled says how many (diskFullMidIngest).
            #expect(refused.stderr == "warroom: cannot write to \(db): the disk is full; nothing was written\n"
                    || Self.linesWritten(refused.stderr, db: db) != nil, "\(refused.stderr)")
            try FileManager.default.removeItem(atPath: mount + "/filler")
            #expect(try CLIRunner.run(["chat", "after making room", "--db", db]).status == 0)
            let store = try WarRoomStore(path: db)
            #expect(try store.integrityCheck() == "ok")
            #expect(try store.timeline(kinds: [.chat]).map(\.body) == written + ["after making room"], "every line that was accepted is there")
        }

        @Test("a disk that fills mid-ingest: the error says how many lines were written, and exactly those are in the file")
        func diskFullMidIngest() throws {
            // The fault is real: the small tmpfs, filled but for 512 KiB.
            let scratch = Scratch()
            let disk = try SmallDisk(in: scratch)
            defer { withExtendedLifetime(disk) {} }  // mounted until the test ends
            let mount = disk.mount, db = disk.db
            _ = try Spawn.run(["/bin/sh", "-c", "dd if=/dev/zero of='\(mount)/spare' bs=64k count=8 2>/dev/null; "
                               + "dd if=/dev/zero of='\(mount)/filler' bs=64k 2>/dev/null; rm '\(mount)/spare'"])
            let lines = (0..<20_000).map { "log line \($0) " + String(repeating: "x", count: 100) }.joined(separator: "\n") + "\n"
            let r = try CLIRunner.run(["ingest", "--source", "fill", "--batch", "500", "--db", db], stdin: Data(lines.utf8))
            #expect(r.status == 1)
            let written = try #require(Self.linesWritten(r.stderr, db: db), "stderr was: \(r.stderr)")
            #expect(written > 0 && written < 20_000)
            let store = try WarRoomStore(path: db)
            #expect(try store.logLineCount() == written, "the count said is the count in the file")
            #expect(try store.logLines(limit: 1).first?.text == "log line 0 " + String(repeating: "x", count: 100))
            #expect(try store.integrityCheck() == "ok")
        }

        /// N from "…: the disk is full; N lines were written before that (in K transactions), the rest were not".
        static func linesWritten(_ stderr: String, db: String) -> Int? {
            let head = "warroom: cannot write to \(db): the disk is full; "
            let tail = " lines were written before that"
            guard stderr.hasPrefix(head), stderr.hasSuffix(", the rest were not\n"), let end = stderr.range(of: tail) else { return nil }
            return Int(stderr[stderr.index(stderr.startIndex, offsetBy: head.count)..<end.lowerBound])
        }

        @Test("SIGPIPE is ignored, SIGHUP (the SSH session gone) restores the terminal and exits; what was sent stays")
        func signals() throws {
            let scratch = Scratch()
            _ = try CLIRunner.run(["init", "--db", scratch.db])
            let tmux = try TmuxSession(width: 100, height: 30, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; echo EXITED $?; sleep 30")
            #expect(tmux.waitFor("1 Status"))
            tmux.keys("4")
            tmux.type("sent before the signals")
            tmux.keys("Enter")
            #expect(tmux.waitFor("sent before the signals"))
            let pid = try #require(Int32(try Spawn.run(["/usr/bin/pgrep", "-f", "-n", "\(CLIRunner.binary) --db \(scratch.db)"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            kill(pid, SIGPIPE)
            Thread.sleep(forTimeInterval: 0.5)
            #expect(kill(pid, 0) == 0, "SIGPIPE did not kill it")
            tmux.type("typed but not sent")
            kill(pid, SIGHUP)
            #expect(tmux.waitFor("EXITED 0"), "\(tmux.screen())")
            #expect(!tmux.screen().contains("1 Status"), "the terminal was restored (the alternate screen is gone)")
            #expect(try scratch.store().timeline(kinds: [.chat]).map(\.body) == ["sent before the signals"])
        }
    }
}

/// A real 3 MB tmpfs (the tests run as root, as in CI) holding a fresh
/// database; unmounted when released.
final class SmallDisk {
    let mount: String
    var db: String { mount + "/warroom.db" }

    init(in scratch: Scratch) throws {
        mount = scratch.dir + "/small"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try Spawn.run(["/bin/mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount])
        try #require(mounted.status == 0, "the test mounts a 3 MB tmpfs (it runs as root in CI)")
        #expect(try CLIRunner.run(["init", "--db", mount + "/warroom.db"]).status == 0)
    }

    deinit { _ = try? Spawn.run(["/bin/umount", "-l", mount]) }
}
