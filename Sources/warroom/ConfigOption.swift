import ArgumentParser
import WarRoomCore

/// `--config`, for the commands that run collectors.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The config file (default: $WARROOM_CONFIG, else \(WarRoomConfig.defaultPath) if it exists). See docs/collectors.md.",
        valueName: "path"))
    var config: String?

    func load() throws -> WarRoomConfig {
        try WarRoomConfig.load(explicit: config)
    }

    /// Watches the file `load` reads; make it before calling `load`.
    func watcher() -> ConfigWatcher {
        ConfigWatcher(explicit: config)
    }
}
