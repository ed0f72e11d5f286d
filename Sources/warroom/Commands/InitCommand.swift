import ArgumentParser
import WarRoomCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one to this version's schema. Safe to run again.")

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("How many log lines to keep; the oldest go first (default \(WarRoomStore.defaultLogRetention)).", valueName: "lines"))
    var logRetention: Int?

    func run() throws {
        let s = try store.open()
        if let logRetention { try s.setLogRetention(logRetention) }
        Output.line("\(s.path): schema version \(try s.schemaVersion()), keeping \(try s.logRetention()) log lines")
    }
}
