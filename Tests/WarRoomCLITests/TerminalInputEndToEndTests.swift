import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// What reaches the war room from the terminal: a dead terminal, a huge
    /// paste, a bad byte, a refused line (issue: bugs found by trying to
    /// break it, items 2, 5 and 6).
    @Suite("Terminal input in tmux: hangups without SIGHUP, pastes, bad bytes")
    struct TerminalInputEndToEndTests {
        /// Whether a process has ended (gone, or a zombie nobody reaped yet).
        static func ended(_ pid: Int32) -> Bool {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
            return status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
        }

        /// A war room at 120×40 on the scratch database, its input line open.
        static func typing(in scratch: Scratch) throws -> TmuxSession {
            let tmux = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            tmux.keys("4")
            return tmux
        }

        @Test("a terminal gone without a SIGHUP (setsid, as su does) ends the war room within a second")
        func lostTerminal() throws {
            let scratch = Scratch()
            _ = try scratch.store()
            let pidFile = scratch.dir + "/pid"
            // setsid puts the war room in a session of its own: killing the
            // tmux server closes its terminal but sends it no SIGHUP.
            let tmux = try TmuxSession(width: 100, height: 30, command:
                "setsid -w sh -c 'echo $$ > \(pidFile); exec \(CLIRunner.binary) --db \(scratch.db)'")
            #expect(tmux.waitFor("1 Status"))
            let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(!Self.ended(pid))
            _ = try? tmux.tmux(["kill-server"])
            let deadline = Date().addingTimeInterval(1)
            while !Self.ended(pid), Date() < deadline { usleep(10_000) }
            #expect(Self.ended(pid), "the war room still runs after its terminal went away")
            if !Self.ended(pid) { kill(pid, SIGKILL) }
        }

        @Test("a fatal signal gives the terminal back before the process dies", arguments: [SIGILL, SIGABRT, SIGSEGV])
        func fatalSignalRestoresTerminal(signal: Int32) throws {
            let scratch = Scratch()
            _ = try scratch.store()
            let pidFile = scratch.dir + "/pid", sttyFile = scratch.dir + "/stty"
            let tmux = try TmuxSession(width: 100, height: 30, command:
                // The backtracer would wait 30 s for a key on a terminal.
                "SWIFT_BACKTRACE=interactive=no sh -c 'echo $$ > \(pidFile); exec \(CLIRunner.binary) --db \(scratch.db)'; stty -a > \(sttyFile); sleep 60")
            #expect(tmux.waitFor("1 Status"))
            let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, signal) == 0)
            #expect(tmux.waitFor(seconds: 10) { _ in ((try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? "").contains("echo") })
            let words = Set(((try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }))
            #expect(words.contains("icanon") && words.contains("echo"), "the terminal was left raw: \(words.filter { $0.hasPrefix("-") }.sorted())")
            #expect(tmux.display("#{alternate_on}") == "0")
        }

        @Test("a 100 KB paste fills the line to the limit and says so; Enter sends it; nothing is lost")
        func hugePaste() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let tmux = try Self.typing(in: scratch)
            let paste = scratch.dir + "/paste"
            try String(repeating: "p", count: 100_000).write(toFile: paste, atomically: true, encoding: .utf8)
            _ = try tmux.tmux(["load-buffer", paste])
            _ = try tmux.tmux(["paste-buffer", "-t", tmux.name])
            // Input taken at 1 KB/s (as before) would need minutes here.
            #expect(tmux.waitFor("the line is full (64 KiB)", seconds: 20))
            tmux.keys("Enter")
            #expect(tmux.waitFor(seconds: 5) { _ in (try? store.timeline(kinds: [.chat]).count) == 1 })
            #expect(try store.timeline(kinds: [.chat]).first?.body == String(repeating: "p", count: TextInput.maxBytes))
        }

        @Test("an invalid byte in a burst becomes U+FFFD and the rest of the burst is kept")
        func invalidByte() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let tmux = try Self.typing(in: scratch)
            tmux.type("A")
            _ = try tmux.tmux(["send-keys", "-t", tmux.name, "-H", "ff", "42", "43", "44", "c3", "a9", "e2", "82"])
            tmux.type("Z")
            tmux.keys("Enter")
            #expect(tmux.waitFor(seconds: 5) { _ in (try? store.timeline(kinds: [.chat]).count) == 1 })
            // ff: one replacement; e2 82 cut short by "Z": one replacement, Z kept.
            #expect(try store.timeline(kinds: [.chat]).first?.body == "A\u{FFFD}BCDé\u{FFFD}Z")
        }

        @Test("a refused line stays in the input line for editing")
        func refusedLineStays() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let id = try store.declare(title: "Checkout 5xx", severity: .sev3).id
            let tmux = try Self.typing(in: scratch)
            tmux.type("/sev 0")
            tmux.keys("Enter")
            #expect(tmux.waitFor("is not a severity"))
            #expect(tmux.screen().contains("> /sev 0"))
            // Fix it in place: Backspace, 2, Enter.
            tmux.keys("BSpace")
            tmux.type("2")
            tmux.keys("Enter")
            #expect(tmux.waitFor(seconds: 5) { _ in (try? store.incident(id)?.severity) == .sev2 })
        }
    }
}
