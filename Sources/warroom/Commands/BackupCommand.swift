import ArgumentParser
import Foundation
import WarRoomCore

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
