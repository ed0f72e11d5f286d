import ArgumentParser
import WarRoomCore
import WarRoomSQLite

/// `--db`, shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file, or a postgresql:// URL (default: $WARROOM_DB, else /var/lib/warroom/warroom.db if that directory exists, else ~/.local/state/warroom/warroom.db).",
        valueName: "path"))
    var db: String?

    var path: String { DatabaseLocation.resolve(flag: db) }

    /// Opens the store, creating the default database's directory when needed.
    func open(_ mode: WarRoomStore.Mode = .readWrite, sharing: DatabaseSharing = DatabaseSharing()) throws -> WarRoomStore {
        try WarRoomStore(path: path, mode: mode, createDirectory: db == nil && DatabaseLocation.isDefault(path), sharing: sharing)
    }
}
