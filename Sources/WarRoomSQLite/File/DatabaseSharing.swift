import Foundation
import WarRoomModel
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// The group and mode the database file, its -wal and its -shm get, so that
/// the team and not only whoever created the file can write it. SQLite makes
/// a new database 0644 whatever the umask says and gives -wal and -shm the
/// database's mode (and, only when running as root, its owner and group); so
/// warroom creates the file itself, and gives -wal and -shm the database's
/// group and mode after opening.
public struct DatabaseSharing: Sendable, Equatable {
    public static let defaultMode: mode_t = 0o660

    /// Permission bits, e.g. 0o660.
    public var mode: mode_t
    /// A group name; nil means the directory's group (what a setgid
    /// directory gives anyway), when the user may give it.
    public var group: String?

    public init(mode: mode_t = DatabaseSharing.defaultMode, group: String? = nil) {
        self.mode = mode & 0o777
        self.group = group
    }

    /// The group id a new file gets: the named group (which the user must
    /// be in, unless root), else the directory's when the user is in it, else
    /// nil (whatever the system gives).
    func groupID(directory: String) throws -> gid_t? {
        if let group {
            guard let entry = getgrnam(group) else {
                throw WarRoomError.invalid("no group named \(group); give --group an existing group (see `getent group`)")
            }
            let gid = entry.pointee.gr_gid
            guard Accounts.isMember(gid) else {
                throw WarRoomError.invalid("you (\(Author.current)) are not in group \(group), so you cannot give it the database; run as a member of \(group), or as root")
            }
            return gid
        }
        var st = stat()
        guard stat(directory, &st) == 0, Accounts.isMember(st.st_gid) else { return nil }
        return st.st_gid
    }

    /// Why `warroom init` should refuse: the database (as it is, or as this
    /// sharing would make it) would be writable by its owner alone although
    /// a group may write the directory. Nil when all is well, or when the
    /// user cannot write the file at all (opening it says why).
    /// `changing`: whether this sharing is applied to an existing file.
    public func refusal(path: String, changing: Bool) throws -> WarRoomError? {
        let directory = DatabaseFileCheck.directory(of: path)
        var dst = stat(), st = stat()
        guard stat(directory, &dst) == 0, dst.st_mode & S_IWGRP != 0 else { return nil }
        let dirGroup = Accounts.groupName(dst.st_gid)
        let alone = "\(path) would be writable by its owner alone, in a directory group \(dirGroup) may write"
        let help = " (see `warroom init --help` and `warroom doctor`)"
        if stat(path, &st) == 0, !changing {
            guard access(path, W_OK) == 0 else { return nil }
            if st.st_mode & S_IWGRP == 0 || st.st_gid != dst.st_gid {
                let facts = "it is \(Accounts.userName(st.st_uid)):\(Accounts.groupName(st.st_gid)), mode \(Self.octal(st.st_mode & 0o7777))"
                return .invalid("\(alone): \(facts); run: chgrp \(dirGroup) \(path)* && chmod g+w \(path)*, or warroom init --group \(dirGroup) --mode 0660" + help)
            }
            return nil
        }
        if mode & S_IWGRP == 0 {
            return .invalid("\(alone): --mode \(Self.octal(mode)) gives the group no write; use e.g. --mode 0660" + help)
        }
        // A --group of the user's choosing is theirs to choose.
        if try groupID(directory: directory) == nil {
            return .invalid("\(alone): you (\(Author.current)) are not in group \(dirGroup); run it as a member of \(dirGroup) or as root, or pass --group" + help)
        }
        return nil
    }

    /// Creates the empty database file with this group and mode, so that
    /// SQLite's -wal and -shm copy them. Does nothing if the file appeared
    /// meanwhile (another process made it).
    func create(path: String) throws {
        let gid = try groupID(directory: DatabaseFileCheck.directory(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw WarRoomError.databaseUnwritable(path, reason: "cannot create it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        // The umask took bits away; the group comes before the mode, since
        // chown clears setuid/setgid bits.
        if let gid { _ = fchown(fd, uid_t.max, gid) }
        _ = fchmod(fd, mode)
    }

    /// Gives the database's three files this group and mode (`warroom init
    /// --mode/--group` on an existing database). Only their owner or root
    /// may.
    public func apply(path: String) throws {
        let gid = try groupID(directory: DatabaseFileCheck.directory(of: path))
        let all: [String] = [path, path + "-wal", path + "-shm"]
        let files = all.filter { access($0, F_OK) == 0 }
        // All or nothing: check every file before changing one.
        for file in files {
            var st = stat()
            if stat(file, &st) == 0, st.st_uid != geteuid(), geteuid() != 0 {
                throw WarRoomError.databaseUnwritable(path, reason: "only the owner of \(file) (\(Accounts.userName(st.st_uid))) or root may change its group or mode; nothing was changed")
            }
        }
        for file in files {
            if let gid { _ = chown(file, uid_t.max, gid) }
            _ = chmod(file, mode)
        }
    }

    /// Gives -wal and -shm the database file's group and mode when this
    /// process owns them (it created them): a writer who is not root gets
    /// its own primary group on them otherwise, and the next SRE is locked
    /// out of the whole database.
    static func alignSideFiles(path: String) {
        var db = stat()
        guard stat(path, &db) == 0 else { return }
        for file in [path + "-wal", path + "-shm"] {
            var st = stat()
            guard stat(file, &st) == 0, st.st_uid == geteuid() || geteuid() == 0 else { continue }
            if st.st_gid != db.st_gid { _ = chown(file, uid_t.max, db.st_gid) }
            if st.st_mode & 0o777 != db.st_mode & 0o777 { _ = chmod(file, db.st_mode & 0o777) }
        }
    }

    /// "owner alice:sre, mode 0660": what a file is now, for `warroom init`.
    public static func describe(path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "owner \(Accounts.userName(st.st_uid)):\(Accounts.groupName(st.st_gid)), mode \(octal(st.st_mode & 0o7777))"
    }

    public static func octal(_ mode: mode_t) -> String { String(format: "%04o", mode) }
}
