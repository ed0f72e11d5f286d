import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether another process has an SQLite database open, asked the way
/// SQLite itself asks when a connection closes and wonders whether it is
/// the last: every connection to a WAL database holds a shared POSIX lock on
/// byte 128 of its -shm file (the "dead man switch"), and a connection in a
/// transaction on a rollback-journal file holds the lock bytes at 1 GiB of
/// the file itself. A war room, `warroom status`, `warroom collect` and the
/// sqlite3 CLI all show up; a process on another machine (the file on NFS,
/// where SQLite's locks are not to be trusted anyway) does not.
///
/// `F_GETLK` never reports this process's own locks, and closing any
/// descriptor of a file drops them: call this only while this process has no
/// connection to the file.
enum DatabaseUse {
    /// A process holding the database open: its pid and name.
    struct Holder: Equatable {
        let pid: pid_t
        let name: String
    }

    static func holder(of path: String) -> Holder? {
        let pid = lockHolder(path + "-shm", start: 128, length: 1)
            ?? lockHolder(path, start: 0x4000_0000, length: 512)
        guard let pid else { return nil }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return Holder(pid: pid, name: comm ?? "?")
    }

    /// The pid of a process whose lock on `file` would stop a write lock on
    /// those bytes; nil when none (or no such file).
    private static func lockHolder(_ file: String, start: off_t, length: off_t) -> pid_t? {
        let fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var query = flock()
        query.l_type = Int16(F_WRLCK)
        query.l_whence = Int16(SEEK_SET)
        query.l_start = start
        query.l_len = length
        guard fcntl(fd, F_GETLK, &query) == 0, query.l_type != Int16(F_UNLCK) else { return nil }
        return query.l_pid
    }
}
