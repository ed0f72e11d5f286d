import ArgumentParser
import WarRoomCore
import WarRoomTUI

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the war room on the shared database (what `warroom` alone does).",
        discussion: "Press ? inside for every key. Set NO_COLOR for a monochrome screen.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var theme: ThemeOption

    func run() throws {
        let theme = try theme.load()
        try WarRoomApp.run(store: store.open(), theme: theme)
    }
}
