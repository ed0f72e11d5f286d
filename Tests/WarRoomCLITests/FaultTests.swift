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
            let mount = scratch.dir + "/small"
            try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
            let mounted = try Spawn.run(["/bin/mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount])
            try #require(mounted.status == 0, "the test mounts a 3 MB tmpfs (it runs as root in CI)")
            defer { _ = try? Spawn.run(["/bin/umount", "-l", mount]) }
            let db = mount + "/warroom.db"
            #expect(try CLIRunner.run(["init", "--db", db]).status == 0)
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
            #expect(refused.stderr == "warroom: cannot write to \(db): the disk is full; nothing was written\n", "\(refused.stderr)")
            try FileManager.default.removeItem(atPath: mount + "/filler")
            #expect(try CLIRunner.run(["chat", "after making room", "--db", db]).status == 0)
            let store = try WarRoomStore(path: db)
            #expect(try store.integrityCheck() == "ok")
            #expect(try store.timeline(kinds: [.chat]).map(\.body) == written + ["after making room"], "every line that was accepted is there")
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
