import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomSQLite

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place of the war room's database file, whole or not at all.",
        discussion: """
            Refused while anything has the file open (a war room, `warroom status`,
            `warroom collect`, a sqlite3 session): SQLite's own locks tell. The backup is copied
            beside the database and the copy is checked (integrity_check, a warroom schema no
            newer than this warroom) before it replaces the file in one rename; the old -wal and
            -shm are folded in and removed first. The restored file keeps the old one's owner,
            group and mode. A backup from an older warroom is migrated when warroom next opens it.
            On PostgreSQL use `warroom copy --from BACKUP --to URL` into an empty database.

            Example:
              systemctl stop warroom-collect
              warroom restore /var/backups/warroom/warroom-2026-12-02-0300.db --db /var/lib/warroom/warroom.db
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The backup to restore (a warroom SQLite file).", valueName: "src"))
    var source: String

    func run() throws {
        let destination = store.path
        if DatabaseLocation.isServer(destination) {
            throw WarRoomError.invalid("restore replaces a database file; into PostgreSQL, copy the backup into an empty database with `warroom copy --from \(source) --to URL`; nothing was restored")
        }
        if DatabaseLocation.isServer(source) {
            throw WarRoomError.invalid("the backup to restore is a file; to bring a PostgreSQL war room into a file use `warroom copy --from URL --to FILE`; nothing was restored")
        }
        if DatabaseLocation.same(source, destination) {
            throw WarRoomError.invalid("\(source) is the database itself; nothing was restored")
        }
        let restored = try SQLiteRestore.restore(from: source, to: destination, verify: RestoreChecks.beforeReplace)
        let upgrade = restored.schemaVersion < WarRoomStore.currentSchemaVersion
            ? " (warroom migrates it to \(WarRoomStore.currentSchemaVersion) when it next opens it)" : ""
        Output.line("\(source) → \(destination): integrity ok, schema version \(restored.schemaVersion)\(upgrade); "
                    + (restored.replaced ? "replaced the old file" : "created"))
    }
}

/// What a backup must pass before `warroom restore` puts it in place, beyond
/// SQLite's `integrity_check` and the schema (which `SQLiteRestore` checks).
enum RestoreChecks {
    /// Called with the checked copy, before it replaces anything; throwing
    /// refuses the restore and leaves the database as it was.
    /// HOOK for the timeline hash chain: call `warroom verify`'s check on
    /// `path` here (the "chain" change wires it at merge).
    static func beforeReplace(_ path: String) throws {}
}
