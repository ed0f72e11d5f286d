import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomTUI

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The war room's picture for leads, read-only: live on a terminal, one frame with --once.",
        discussion: """
            Opens the database read-only (SQLite's read-only flag and query_only): no key and no bug can write.
            It works for a user who may only read the database's directory and files.
            Without a terminal (cron, a pipe, an SSH forced command without a pty) it prints one frame, as --once.
            Examples:
              warroom status
              warroom status --once --format markdown | mail -s "war room" leads@example.com
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @OptionGroup var store: StoreOptions
    @OptionGroup var theme: ThemeOption
    @Flag(help: "Print one frame and exit.") var once = false
    @Option(help: "With --once: text (fits 80 columns), markdown or json.") var format: Format = .text

    func run() throws {
        let s = try store.open(.readOnly)
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if once || !interactive {
            let snapshot = try StatusSnapshot.build(store: s)
            switch format {
            case .text: Output.line(StatusText.text(snapshot))
            case .markdown: Output.line(StatusText.markdown(snapshot))
            case .json: try JSONOutput.print(snapshot)
            }
            return
        }
        try StatusApp.run(store: s, theme: theme.load())
    }
}
