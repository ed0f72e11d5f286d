import Foundation
import WarRoomSQLite

extension WarRoomStore {
    /// Writes a consistent copy of this war room, taken while others keep
    /// writing, to the SQLite file `destination` (which must not exist):
    /// under a temporary name beside it, synced, then renamed
    /// (`AtomicPublish`), so a file at `destination` is always a whole backup.
    ///
    /// - SQLite: the online backup API over one read snapshot (`SQLiteBackend.backup(into:)`).
    /// - PostgreSQL: `copy(to:)` into a new SQLite file: the source is read in
    ///   one REPEATABLE READ snapshot, and each table is checked against it
    ///   before the copy commits. (A DBA's `pg_dump` is just as consistent;
    ///   this one can be restored with `warroom restore` or `warroom copy`.)
    ///
    /// Returns the backup's schema version, read back from the checked file.
    @discardableResult
    public func backup(to destination: String) throws -> Int {
        if access(destination, F_OK) == 0 || access(destination + "-wal", F_OK) == 0 {
            throw WarRoomError.invalid("\(destination) exists; give the backup a new name (backups are never overwritten); nothing was written")
        }
        if DatabaseLocation.isServer(destination) {
            throw WarRoomError.invalid("a backup is a file; give a path (to copy into PostgreSQL use `warroom copy --to URL`); nothing was written")
        }
        var version = 0
        try AtomicPublish.publish(to: destination) { temporary in
            if let file = backend as? SQLiteBackend {
                try file.backup(into: temporary)
            } else {
                do {
                    let target = try WarRoomStore(path: temporary, sharing: DatabaseSharing(mode: 0o600))
                    _ = try copy(to: target)
                }
                try SQLiteBackupFile.makeStandalone(temporary)
            }
            version = try SQLiteBackupFile.check(temporary, name: destination)
            // It holds all the war room holds: its owner's alone until they share it.
            _ = chmod(temporary, 0o600)
        }
        return version
    }
}
