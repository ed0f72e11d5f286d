import Foundation
import WarRoomModel
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on the database's directory, held while a process
/// creates or migrates the file, so that ten processes opening a new file at
/// once take turns instead of racing each other's `CREATE TABLE`s. A lock on
/// the directory leaves no extra file behind and never touches the POSIX
/// locks SQLite keeps on the database file itself.
struct DirectoryLock {
    private let fd: Int32

    init(directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw WarRoomError.databaseUnreadable(directory, reason: String(cString: strerror(errno)))
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(fd)
            throw WarRoomError.databaseFailed(directory, reason: "cannot lock the directory: \(reason)")
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
