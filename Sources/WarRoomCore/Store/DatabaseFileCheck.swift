import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks made before SQLite sees a path, so that a wrong `--db` gets a plain
/// sentence instead of an SQLite error code, and nothing is created or
/// changed on the way.
enum DatabaseFileCheck {
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Throws the error a user should read, or returns whether the file
    /// exists. Every road to SQLite goes through here first: the store's
    /// read-write and read-only opens and the change feed's own connection.
    static func check(path: String, writable: Bool, createDirectory: Bool) throws -> Bool {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw WarRoomError.databaseIsDirectory(path) }
            // SQLite would block forever reading a FIFO, and beside a device
            // (`/dev/null`) it creates `/dev/null-journal`.
            if let kind = kind(of: st.st_mode) { throw WarRoomError.databaseNotRegularFile(path, kind: kind) }
            guard access(path, R_OK) == 0 else {
                throw WarRoomError.databaseUnreadable(path, reason: "permission denied")
            }
            if st.st_size > 0 {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw WarRoomError.databaseUnreadable(path, reason: "cannot open the file")
                }
                let head = (try? handle.read(upToCount: sqliteMagic.count)) ?? Data()
                try? handle.close()
                guard Array(head) == sqliteMagic else { throw WarRoomError.databaseNotSQLite(path) }
            }
            if writable {
                guard access(path, W_OK) == 0 else {
                    throw WarRoomError.databaseUnwritable(path, reason: "the file is read-only for \(Author.current)")
                }
                let dir = directory(of: path)
                guard access(dir, W_OK) == 0 else {
                    throw WarRoomError.databaseUnwritable(path, reason: "its directory \(dir) is read-only for \(Author.current) (SQLite needs to create the -wal and -shm files there)")
                }
            }
            return true
        }
        if errno == EACCES {
            // It may well exist: a directory on the way is closed to us.
            throw WarRoomError.databaseUnreadable(path, reason: "permission denied on a directory on the way; ask to be added to the group that owns \(directory(of: path))")
        }
        guard writable else { throw WarRoomError.databaseMissing(path) }
        let dir = directory(of: path)
        var dst = stat()
        if stat(dir, &dst) != 0 {
            guard createDirectory else {
                throw WarRoomError.databaseUnwritable(path, reason: "directory \(dir) does not exist")
            }
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw WarRoomError.databaseUnwritable(path, reason: "cannot create directory \(dir)")
            }
        } else if (dst.st_mode & S_IFMT) != S_IFDIR {
            throw WarRoomError.databaseUnwritable(path, reason: "\(dir) is not a directory")
        }
        guard access(dir, W_OK) == 0 else {
            throw WarRoomError.databaseUnwritable(path, reason: "directory \(dir) is read-only for \(Author.current)")
        }
        return false
    }

    /// What a path that is neither a directory nor a regular file is, in
    /// words; nil for a regular file.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }
}
