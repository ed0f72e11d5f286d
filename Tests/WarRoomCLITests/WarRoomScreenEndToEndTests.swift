import Foundation
import Testing
import WarRoomCore

extension CLITests {
    @Suite("The war room in tmux")
    struct WarRoomScreenEndToEndTests {
        static let titles = ["1 Status", "2 Alerts", "3 Logs", "4 Chat", "5 Timeline"]

        @Test("type, see others' writes, resize, hostile logs, help, quit")
        func session() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let incident = try store.declare(title: "Checkout 5xx", severity: .sev2)
            let exitFile = scratch.dir + "/exit"
            let tmux = try TmuxSession(width: 120, height: 40,
                                       command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; echo $? > '\(exitFile)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            let titleBefore = tmux.display("#{pane_title}")

            // Type a chat line: it is written, then shown.
            tmux.keys("4")
            tmux.type("hello from tmux 数据库")
            tmux.keys("Enter")
            #expect(tmux.waitFor("hello from tmux 数据库"))
            #expect(try store.timeline(kinds: [.chat]).map(\.body) == ["hello from tmux 数据库"])
            #expect(try store.timeline(kinds: [.chat]).first?.incidentID == incident.id)

            // A slash command changes the incident.
            tmux.type("/status identified")
            tmux.keys("Enter")
            // The confirmation, not the typed line's own echo ("identified").
            #expect(tmux.waitFor("status → identified"))
            #expect(try store.incident(incident.id)?.status == .identified)

            // Another process writes; the screen shows it.
            #expect(try CLIRunner.run(["chat", "from another process", "--incident", String(incident.id), "--db", scratch.db]).status == 0)
            #expect(tmux.waitFor("from another process", seconds: 2))

            // Resizes keep every pane title on screen.
            for (w, h) in [(120, 40), (80, 24), (200, 60)] {
                tmux.resize(width: w, height: h)
                #expect(tmux.waitFor { screen in Self.titles.allSatisfy { screen.contains($0) } }, "at \(w)×\(h)")
                #expect(tmux.screen().split(separator: "\n").allSatisfy { $0.count <= w })
            }
            tmux.resize(width: 120, height: 40)

            // A log line full of escape sequences is shown escaped; the title stays.
            let hostile = "evil \u{1B}[2J\u{1B}]0;pwned-title\u{07} \u{1B}]52;c;aGVsbG8=\u{07} \u{9B}31m done\n"
            #expect(try CLIRunner.run(["ingest", "--source", "evil", "--db", scratch.db], stdin: Data(hostile.utf8)).status == 0)
            #expect(tmux.waitFor("evil ^[[2J^[]0;pwned-title^G"))
            #expect(tmux.display("#{pane_title}") == titleBefore)
            #expect(!tmux.display("#{pane_title}").contains("pwned"))

            // Help, then quit: exit status 0 and the terminal restored.
            tmux.keys("Escape")
            tmux.type("?")
            #expect(tmux.waitFor("Chat commands"))
            tmux.type("x")
            #expect(tmux.waitFor { !$0.contains("Chat commands") })
            tmux.type("q")
            #expect(tmux.waitFor { _ in (try? String(contentsOfFile: exitFile, encoding: .utf8))?.hasSuffix("\n") == true })
            let status = try String(contentsOfFile: exitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(status == "0")
            #expect(tmux.display("#{alternate_on}") == "0")
            #expect(!tmux.screen().contains("1 Status"))
        }

        @Test("a terminal below the minimum says so, and recovers when enlarged")
        func tooSmall() throws {
            let scratch = Scratch()
            _ = try scratch.store()
            let tmux = try TmuxSession(width: 50, height: 12, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("Terminal too small: 50×12"))
            tmux.resize(width: 100, height: 30)
            #expect(tmux.waitFor { screen in Self.titles.allSatisfy { screen.contains($0) } })
            #expect(!tmux.screen().contains("too small"))
        }

        @Test("a bad slash command says why and writes nothing")
        func badCommand() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            _ = try store.declare(title: "x", severity: .sev3)
            let before = try store.rowCounts()
            let tmux = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            tmux.keys("4")
            tmux.type("/sev 9")
            tmux.keys("Enter")
            #expect(tmux.waitFor { $0.split(separator: "\n").last?.contains("sev") == true })
            #expect(try store.rowCounts() == before)
        }
    }
}

extension CLITests {
    @Suite("warroom status in tmux")
    struct StatusViewEndToEndTests {
        @Test("the live view shows another process's update; no key writes; q leaves")
        func liveAndInert() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let id = try store.declare(title: "Checkout 5xx", severity: .sev2).id
            let exitFile = scratch.dir + "/exit"
            let tmux = try TmuxSession(width: 100, height: 30,
                                       command: "'\(CLIRunner.binary)' status --db '\(scratch.db)'; echo $? > '\(exitFile)'; sleep 60")
            #expect(tmux.waitFor("READ-ONLY"))
            #expect(tmux.waitFor("#1 SEV2 INVESTIGATING Checkout 5xx"))

            let update = try CLIRunner.run(["incident", "update", String(id), "--status", "identified",
                                            "--message", "Rolled back the api", "--db", scratch.db])
            #expect(update.status == 0)
            #expect(tmux.waitFor("#1 SEV2 IDENTIFIED Checkout 5xx", seconds: 2))
            #expect(tmux.waitFor("Rolled back the api", seconds: 2))

            // Every printable key but q, then Enter, Tab, Esc: nothing in the file moves.
            let before = try store.rowCounts()
            let lastEvent = try store.latestEventID()
            let incident = try store.incident(id)
            let printable = (0x20...0x7E).map { String(UnicodeScalar(UInt8($0))) }.filter { $0 != "q" }
            for chunk in stride(from: 0, to: printable.count, by: 16) {
                tmux.type(printable[chunk..<min(chunk + 16, printable.count)].joined())
            }
            tmux.keys("Enter")
            tmux.keys("Tab")
            tmux.keys("Escape")
            usleep(300_000)
            #expect(try store.rowCounts() == before)
            #expect(try store.latestEventID() == lastEvent)
            #expect(try store.incident(id) == incident)
            #expect(tmux.screen().contains("READ-ONLY"))

            tmux.type("q")
            // The shell creates the file before it writes the status: wait for the line.
            #expect(tmux.waitFor { _ in (try? String(contentsOfFile: exitFile, encoding: .utf8))?.hasSuffix("\n") == true })
            #expect((try? String(contentsOfFile: exitFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }
}
