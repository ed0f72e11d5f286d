import Foundation
import WarRoomModel
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// Checks made before SQLite sees a path, so that a wrong `--db` gets a plain
/// sentence instead of an SQLite error code, and nothing is created or
/// changed on the way.
public enum DatabaseFileCheck {
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Throws the error a user should read, or returns whether the file
    /// exists. Every road to SQLite goes through here first: the store's
    /// read-write and read-only opens and the change feed's own connection.
    public static func check(path: String, writable: Bool, createDirectory: Bool) throws -> Bool {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw WarRoomError.databaseIsDirectory(path) }
            // SQLite would block forever reading a FIFO, and beside a device
            // (`/dev/null`) it creates `/dev/null-journal`.
            if let kind = kind(of: st.st_mode) { throw WarRoomError.databaseNotRegularFile(path, kind: kind) }
            guard access(path, R_OK) == 0 else {
                throw WarRoomError.databaseUnreadable(path, reason: problem(path, write: false))
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
                    throw WarRoomError.databaseUnwritable(path, reason: problem(path, write: true))
                }
                // A -wal or -shm another user created with their own group
                // and 0644 makes SQLite fail later with a bare "readonly".
                for side in [path + "-wal", path + "-shm"] where access(side, F_OK) == 0 && access(side, W_OK) != 0 {
                    let why = problem(side, write: true)
                    throw WarRoomError.databaseUnwritable(path, reason: "\((side as NSString).lastPathComponent) is \(why)")
                }
                let dir = directory(of: path)
                guard access(dir, W_OK) == 0 else {
                    let why = PermissionProblem(path: dir, fixTarget: dir, write: true).explain(error: errno)
                    throw WarRoomError.databaseUnwritable(path, reason: "its directory \(dir), where SQLite creates the -wal and -shm files, is \(why)")
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

    /// Why `access` refused the database file (or its -wal, -shm), with the
    /// fix for all three. Call right after the failed `access`.
    private static func problem(_ file: String, write: Bool) -> String {
        let error = errno
        return PermissionProblem(path: file, fixTarget: databaseFiles(fileOf: file), write: write).explain(error: error)
    }

    /// `/x/warroom.db*`: the database and its -wal and -shm, for a fix command.
    private static func databaseFiles(fileOf file: String) -> String {
        for suffix in ["-wal", "-shm"] where file.hasSuffix(suffix) { return String(file.dropLast(suffix.count)) + "*" }
        return file + "*"
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

    public static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }
}
