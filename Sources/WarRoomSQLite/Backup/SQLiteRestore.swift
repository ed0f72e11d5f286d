import Foundation
import WarRoomModel
import WarRoomStore
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `warroom restore SRC --db FILE`: puts a backup in place of a war room's
/// file, whole or not at all.
///
/// 1. The destination must not be in use (`DatabaseUse`: the locks SQLite
///    itself relies on), checked before anything is copied and again, under
///    the directory lock every warroom writer takes to open the file, just
///    before the rename.
/// 2. The source is copied (online backup API) to a temporary file beside
///    the destination, and that copy, the one that will be put in place, is
///    checked: `integrity_check`, a war room's schema no newer than this
///    warroom's, then `verify`.
/// 3. The destination's -wal is checkpointed and removed with its -shm (a
///    stale -wal beside the new file would be replayed into it), the copy
///    gets the destination's owner, group and mode, is synced and renamed
///    over it.
public enum SQLiteRestore {
    public struct Restored: Sendable, Equatable {
        /// The backup's schema version (warroom migrates an older one when it next opens the file).
        public let schemaVersion: Int
        /// Whether a file was there before.
        public let replaced: Bool
    }

    /// `verify` is called with the checked copy before it replaces
    /// anything: the timeline's hash chain check (`warroom verify`) belongs
    /// there; throwing refuses the restore and leaves the destination as it was.
    public static func restore(from source: String, to destination: String,
                               verify: (String) throws -> Void = { _ in }) throws -> Restored {
        _ = try DatabaseFileCheck.check(path: source, writable: false, createDirectory: false)
        var st = stat()
        let existed = stat(destination, &st) == 0
        if existed, let kind = DatabaseFileCheck.kind(of: st.st_mode) ?? ((st.st_mode & S_IFMT) == S_IFDIR ? "a directory" : nil) {
            throw WarRoomError.invalid("\(destination) is \(kind), not a database file; nothing was restored")
        }
        try refuseInUse(destination)
        let lock = try DirectoryLock(directory: DatabaseFileCheck.directory(of: destination))
        defer { lock.release() }
        var version = 0
        try AtomicPublish.publish(to: destination, write: { temporary in
            try SQLiteErrors.map(source) {
                var config = Configuration()
                config.readonly = true
                let from = try DatabaseQueue(path: source, configuration: config)
                let to = try DatabaseQueue(path: temporary)
                try from.backup(to: to)
                try to.close()
                try from.close()
            }
            version = try SQLiteBackupFile.check(temporary, name: source)
            try SQLiteBackupFile.makeStandalone(temporary)
            try verify(temporary)
            try giveOwnership(to: temporary, like: existed ? st : nil)
        }, beforeRename: { _ in
            try refuseInUse(destination)
            if existed { try retireSideFiles(of: destination) }
        })
        return Restored(schemaVersion: version, replaced: existed)
    }

    static func refuseInUse(_ path: String) throws {
        guard let holder = DatabaseUse.holder(of: path) else { return }
        throw WarRoomError.invalid("\(path) is in use by process \(holder.pid) (\(holder.name)); close every war room, `warroom status` and stop `warroom collect` on it first; nothing was restored")
    }

    /// Folds the destination's -wal into it and removes -wal and -shm, so
    /// that nothing of the old file is replayed into the new one, and so
    /// that a failure after this point still leaves the old file whole.
    /// A damaged destination may refuse the checkpoint: it is being
    /// replaced, so its side files go anyway.
    private static func retireSideFiles(of path: String) throws {
        if access(path + "-wal", F_OK) == 0 {
            if let queue = try? DatabaseQueue(path: path) {
                try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
                try? queue.close()
            }
            // Closing the last connection should have removed them; a
            // process that opened the file meanwhile holds them now.
            try refuseInUse(path)
        }
        for side in [path + "-wal", path + "-shm"] where unlink(side) != 0 && errno != ENOENT {
            throw WarRoomError.databaseUnwritable(path, reason: "cannot remove \(side): \(String(cString: strerror(errno))); nothing was restored")
        }
    }

    /// The copy gets the owner, group and mode of the file it replaces, or
    /// for a new file what `warroom init` gives one (0660, the directory's group).
    private static func giveOwnership(to temporary: String, like old: stat?) throws {
        guard let old else {
            try DatabaseSharing().apply(path: temporary)
            return
        }
        if geteuid() == 0 { _ = chown(temporary, old.st_uid, old.st_gid) } else { _ = chown(temporary, uid_t.max, old.st_gid) }
        _ = chmod(temporary, old.st_mode & 0o777)
    }
}
