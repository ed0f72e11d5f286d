import Foundation
import WarRoomModel
#if canImport(Glibc)
import Glibc
#endif

/// Writes a database file under a temporary name beside its destination,
/// syncs it, and renames it into place, so that a backup cut short (a full
/// disk, `kill -9`, a power cut) is never mistaken for one: the destination
/// either does not exist or is whole. The temporary name starts with a dot
/// and ends in `.partial`, so a leftover one says what it is.
public enum AtomicPublish {
    /// `dir/.name.<pid>.partial`: in the destination's directory, so the
    /// rename never crosses a file system.
    static func temporaryPath(for destination: String) -> String {
        let dir = DatabaseFileCheck.directory(of: destination)
        let name = (destination as NSString).lastPathComponent
        return "\(dir)/.\(name).\(getpid()).partial"
    }

    /// Calls `write` with a temporary path to fill, then syncs that file and
    /// renames it over `destination` (and syncs the directory, so the rename
    /// itself survives a power cut). Whatever fails, the temporary file and
    /// its -wal, -shm and -journal are removed and `destination` is untouched.
    /// `beforeRename` runs last, with the temporary path, under whatever lock
    /// the caller needs held across the rename.
    public static func publish(to destination: String, write: (String) throws -> Void,
                               beforeRename: (String) throws -> Void = { _ in }) throws {
        let dir = DatabaseFileCheck.directory(of: destination)
        guard access(dir, W_OK) == 0 else {
            throw WarRoomError.databaseUnwritable(destination, reason: "its directory \(dir) is \(PermissionProblem(path: dir, fixTarget: dir, write: true).explain(error: errno)); nothing was written")
        }
        let temporary = temporaryPath(for: destination)
        func clean() { for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) } }
        clean()
        do {
            try write(temporary)
            try sync(temporary)
            try beforeRename(temporary)
            guard rename(temporary, destination) == 0 else {
                throw WarRoomError.databaseUnwritable(destination, reason: "cannot rename \(temporary) into place: \(String(cString: strerror(errno)))")
            }
            try sync(dir)
        } catch {
            clean()
            throw error
        }
    }

    /// `fsync` of a file or a directory.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WarRoomError.databaseUnwritable(path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw WarRoomError.databaseUnwritable(path, reason: "fsync failed: \(String(cString: strerror(errno)))")
        }
    }
}
