import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomSQLite

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the war room to a new file while people keep working.",
        discussion: """
            The copy is one snapshot: everything committed before the backup began is in it,
            nothing half-written is. It is written under a temporary name beside DEST
            (.NAME.PID.partial), checked (integrity_check), synced and renamed, so a file named
            DEST is always a whole backup. DEST must not exist, and gets mode 0600.

            From an SQLite file: SQLite's online backup API. From PostgreSQL: the war room read in
            one REPEATABLE READ snapshot into an SQLite file (a DBA's pg_dump works too; see
            docs/backup.md). Restore with `warroom restore DEST --db …` (a file) or
            `warroom copy --from DEST --to postgresql://…` (an empty PostgreSQL database).

            Example:
              warroom backup /var/backups/warroom/warroom-$(date +%F-%H%M).db
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: ArgumentHelp("The backup file to create.", valueName: "dest"))
    var destination: String

    func run() throws {
        let started = ContinuousClock.now
        let source = try store.open(.readOnly)
        if DatabaseLocation.same(source.path, destination) {
            throw WarRoomError.invalid("\(destination) is the war room itself; give the backup a new name; nothing was written")
        }
        let version = try source.backup(to: destination)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Output.line("\(source.path) → \(destination): schema version \(version), \(CopyCommand.grouped(size)) bytes, integrity ok — \(String(format: "%.1f", seconds)) s")
    }
}

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
