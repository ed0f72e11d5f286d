import ArgumentParser
import Foundation
import WarRoomCore
import WarRoomSQLite

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one to this version's schema. Safe to run again.",
        discussion: """
            A new database, and the -wal and -shm files beside it, get mode 0660 and the group of
            their directory (a setgid directory such as /var/lib/warroom, mode 2775, group sre), so
            that every member of the group can write, whatever the umask. When a group may write
            the directory, init refuses a database that only its owner could write. It prints the
            path, owner:group and mode it left.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("How many log lines to keep; the oldest go first (default \(WarRoomStore.defaultLogRetention)).", valueName: "lines"))
    var logRetention: Int?

    @Option(help: ArgumentHelp("The permission bits of the database, -wal and -shm, in octal (default 0660). Given for an existing database, applies them.", valueName: "octal"))
    var mode: FileModeArgument?

    @Option(help: ArgumentHelp("Their group (default: the directory's group, when you are in it). Given for an existing database, applies it.", valueName: "name"))
    var group: String?

    func run() throws {
        let path = store.path
        if DatabaseLocation.isServer(path) {
            // A server's rights are GRANTs, not file modes (docs/postgresql.md).
            if mode != nil || group != nil {
                throw ValidationError("--mode and --group are for a database file; on PostgreSQL grant rights to roles (docs/postgresql.md)")
            }
            let s = try store.open()
            if let logRetention { try s.setLogRetention(logRetention) }
            Output.line("\(s.path): schema version \(try s.schemaVersion()), keeping \(try s.logRetention()) log lines")
            return
        }
        let sharing = DatabaseSharing(mode: mode?.bits ?? DatabaseSharing.defaultMode, group: group)
        let changing = mode != nil || group != nil
        let existed = FileManager.default.fileExists(atPath: path)
        // A new file is judged before it is made; an existing one once the
        // store has found it is a warroom database this user may write.
        if !existed, let refusal = try sharing.refusal(path: path, changing: changing) { throw refusal }
        let s = try store.open(sharing: sharing)
        if existed, let refusal = try sharing.refusal(path: path, changing: changing) { throw refusal }
        if existed && changing { try sharing.apply(path: path) }
        if let logRetention { try s.setLogRetention(logRetention) }
        Output.line("\(s.path): schema version \(try s.schemaVersion()), keeping \(try s.logRetention()) log lines; "
                    + "\(DatabaseSharing.describe(path: path)) (and its -wal, -shm)")
    }
}
