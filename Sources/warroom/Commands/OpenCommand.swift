import ArgumentParser
import WarRoomCore
import WarRoomTUI

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the war room on the shared database (what `warroom` alone does).",
        discussion: """
            Press ? inside for every key. Set NO_COLOR for a monochrome screen.
            With WARROOM_ALERTMANAGER=http://host:9093, `s` on an alert creates a real silence there.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var theme: ThemeOption

    func run() throws {
        let theme = try theme.load()
        let store = try store.open()
        let silencer = AlertmanagerClient.fromEnvironment().map { AlertSilencer(store: store, alertmanager: $0) }
        try WarRoomApp.run(store: store, theme: theme, silencer: silencer)
    }
}
