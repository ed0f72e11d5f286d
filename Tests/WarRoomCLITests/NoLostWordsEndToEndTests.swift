import Foundation
import Testing
import WarRoomCore

extension CLITests {
    /// The war room in tmux, where a person could lose words or be
    /// surprised: quitting with a draft, resolving the incident being
    /// talked about, and clearing a search.
    @Suite("No lost words, in tmux")
    struct NoLostWordsEndToEndTests {
        @Test("q with unsent text in the input line asks first; n goes back to the text, y quits")
        func quitWithDraft() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            _ = try store.declare(title: "Checkout 5xx", severity: .sev2)
            let exitFile = scratch.dir + "/exit"
            let tmux = try TmuxSession(width: 120, height: 40,
                                       command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; echo $? > '\(exitFile)'; sleep 60")
            #expect(tmux.waitFor("1 Status"))
            tmux.keys("4")
            tmux.type("half a thought")
            #expect(tmux.waitFor("> half a thought"))
            tmux.keys("Escape")
            #expect(tmux.waitFor("draft: half a thought"))
            tmux.type("q")
            #expect(tmux.waitFor("You have unsent text. Quit anyway? y/n"))
            #expect(!FileManager.default.fileExists(atPath: exitFile))
            tmux.type("n")
            #expect(tmux.waitFor("> half a thought"))
            tmux.keys("Escape")
            tmux.type("q")
            #expect(tmux.waitFor("Quit anyway?"))
            tmux.type("y")
            #expect(tmux.waitFor { _ in FileManager.default.fileExists(atPath: exitFile) })
            #expect(try store.timeline(kinds: [.chat]).isEmpty, "the draft was never sent")
        }

        @Test("after /resolve the selection stays on the resolved incident; the next line goes there, and says so")
        func resolveKeepsSelection() throws {
            let scratch = Scratch()
            let store = try scratch.store()
            let first = try store.declare(title: "Checkout 5xx", severity: .sev2)
            let second = try store.declare(title: "Search latency", severity: .sev4)
            let tmux = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("to #\(first.id)"))
            tmux.keys("4")
            tmux.type("/resolve rolled back")
            tmux.keys("Enter")
            #expect(tmux.waitFor("to #\(first.id) (resolved)"))
            #expect(tmux.screen().contains("#\(first.id)   SEV2"), "the board still lists it, as resolved")
            tmux.type("postmortem on Monday")
            tmux.keys("Enter")
            #expect(tmux.waitFor("postmortem on Monday"))
            let line = try #require(try store.timeline(kinds: [.chat]).last)
            #expect(line.body == "postmortem on Monday" && line.incidentID == first.id)
            // Moving the selection (up: the resolved one is held last) lets it go.
            tmux.keys("Escape")
            tmux.type("1")
            tmux.type("k")
            #expect(tmux.waitFor("to #\(second.id)"))
            #expect(tmux.waitFor { !$0.contains("#\(first.id)   SEV2") }, "the board no longer lists it")
        }

        @Test("Esc in the / prompt clears the search and its highlight; Enter on an empty one too")
        func clearSearch() throws {
            let scratch = Scratch()
            _ = try scratch.store()
            let lines = "502 Bad Gateway /v1/checkout\nGET /v1/cart 200\n"
            #expect(try CLIRunner.run(["ingest", "--source", "nginx", "--db", scratch.db], stdin: Data(lines.utf8)).status == 0)
            let tmux = try TmuxSession(width: 120, height: 40, command: "'\(CLIRunner.binary)' --db '\(scratch.db)'; sleep 60")
            #expect(tmux.waitFor("502 Bad Gateway"))
            for clear in ["Escape", "Enter"] {
                tmux.type("/")
                tmux.type("gateway")
                tmux.keys("Enter")
                #expect(tmux.waitFor("/gateway"), "the log title shows the search")
                tmux.type("/")
                #expect(tmux.waitFor("search logs:"))
                tmux.keys(clear)
                #expect(tmux.waitFor("search cleared"), "after \(clear)")
                #expect(!tmux.screen().contains("/gateway"))
            }
        }
    }
}
