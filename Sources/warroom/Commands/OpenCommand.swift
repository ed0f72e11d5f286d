import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomTUI

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the war room on the shared database (what `warroom` alone does).",
        discussion: """
            Press ? inside for every key. Set NO_COLOR for a monochrome screen.
            The war room also runs the config's collectors when no other process does (see `warroom collect`),
            unless the config says `collectors_run_by: service`. It reads the config again when the file changes.
            `s` on an alert creates a real silence in the Alertmanager of the config's first alertmanager
            collector, or at $WARROOM_ALERTMANAGER.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var theme: ThemeOption
    @OptionGroup var config: ConfigOption

    func run() throws {
        let watcher = config.watcher()
        let config = try config.load()
        let theme = try theme.load(configured: config.theme)
        let store: WarRoomStore
        do {
            store = try self.store.open()
        } catch WarRoomError.databaseUnwritable(let path, let reason) where access(path, R_OK) == 0 {
            // Most likely a lead, who may only read: say where to go.
            throw WarRoomError.databaseUnwritable(path, reason: reason + "; to follow the war room read-only, run `warroom status`")
        }
        let alertmanager = AlertmanagerClient.fromEnvironment() ?? AlertmanagerClient.first(in: config)
        let silencer = alertmanager.map { AlertSilencer(store: store, alertmanager: $0) }
        let notices = NoticeBox()
        let host = CollectorFactory.host(store: store, config: config, service: false, watcher: watcher) { notices.post($0) }
        host.start()
        defer { host.stop(timeout: 5) }
        let problems = config.problems
        let opening = problems.isEmpty ? nil
            : "config: \(problems[0])" + (problems.count > 1 ? " (+\(problems.count - 1) more: warroom collect --check)" : "")
        try WarRoomApp.run(store: store, theme: theme, silencer: silencer, grouping: config.alertGrouping, logSources: config.logSourcesForAlerts, notice: opening, notices: { notices.take() })
    }
}
