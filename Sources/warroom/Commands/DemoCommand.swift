import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomTUI

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the war room on a throwaway database with a live, simulated incident.",
        discussion: """
            Alerts fire and resolve, log lines stream, a check flaps, and two colleagues (maria and kenji)
            chat, while you try the keys and the slash commands. The database is deleted on exit unless
            --keep is given; its path is printed either way.
            """)

    @Flag(help: "Keep the demo database after you quit.") var keep = false
    @Flag(help: "Also write a year of past incidents first (a few seconds), for `:report` and `warroom report`.") var history = false
    @OptionGroup var theme: ThemeOption

    func run() throws {
        let theme = try theme.load()
        let path = try DemoSimulator.makeTemporaryPath()
        if history {
            Output.line("writing a year of history into \(path) …")
            try YearOfHistory.write(path: path, now: Date())
        }
        let simulator = try DemoSimulator(path: path)
        try simulator.seed()
        simulator.start()
        defer {
            simulator.stop()
            if !keep {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
            }
        }
        try WarRoomApp.run(store: WarRoomStore(path: path), theme: theme)
        Output.line(keep ? "demo database kept: \(path)" : "demo database removed")
    }
}
