import Foundation
import WarRoomSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The database's directory and its three files as they are on disk,
/// whoever looks: owners, groups and modes, the directory's setgid bit, and
/// whether -wal and -shm are there for the users who may only read.
struct DatabaseFilesCheck {
    let path: String

    /// Whether the database, its -wal and its -shm all exist.
    var allFilesPresent: Bool {
        let files: [String] = [path, path + "-wal", path + "-shm"]
        return files.allSatisfy { Glibc.access($0, F_OK) == 0 }
    }

    func findings() -> [DoctorFinding] {
        let directory = DatabaseFileCheck.directory(of: path)
        var dst = stat()
        guard stat(directory, &dst) == 0 else {
            if errno == EACCES {
                return [.problem("cannot reach \(directory): permission denied on a directory on the way",
                                 fix: "ask to be added to the group that owns \(directory)")]
            }
            return [.problem("the database's directory \(directory) does not exist",
                             fix: "install -d -o root -g sre -m 2775 \(directory), then warroom init --db \(path) (see docs/deployment.md)")]
        }
        let dirGroup = Accounts.groupName(dst.st_gid)
        let shared = dst.st_mode & S_IWGRP != 0
        var found: [DoctorFinding] = []
        let dirFacts = "directory \(directory): \(Self.facts(dst))"
        if !shared {
            found.append(.ok("\(dirFacts); only its owner may create files in it"))
        } else if dst.st_mode & S_ISGID == 0 {
            found.append(.problem("\(dirFacts), group-writable but not setgid: a -wal or -shm a writer creates gets the writer's own group, which locks the others out",
                                  fix: "chmod g+s \(directory)"))
        } else {
            found.append(.ok("\(dirFacts) (setgid: new files get group \(dirGroup))"))
        }

        var st = stat()
        guard stat(path, &st) == 0 else {
            found.append(.problem("no database at \(path)",
                                  fix: "warroom init --db \(path) (as root or a member of \(dirGroup))"))
            return found
        }
        let all = "\(path)*"
        if shared && st.st_gid != dst.st_gid {
            found.append(.problem("database \(path): \(Self.facts(st)), but its directory's group is \(dirGroup): the team cannot write it",
                                  fix: "chgrp \(dirGroup) \(all) && chmod g+rw \(all)"))
        } else if shared && st.st_mode & (S_IRGRP | S_IWGRP) != (S_IRGRP | S_IWGRP) {
            found.append(.problem("database \(path): \(Self.facts(st)): group \(Accounts.groupName(st.st_gid)) may not read and write it",
                                  fix: "chmod g+rw \(all)"))
        } else {
            found.append(.ok("database \(path): \(Self.facts(st))"))
        }

        var missing: [String] = []
        for side in [path + "-wal", path + "-shm"] {
            var sst = stat()
            guard stat(side, &sst) == 0 else { missing.append(side); continue }
            if sst.st_gid != st.st_gid || sst.st_mode & 0o777 != st.st_mode & 0o777 {
                found.append(.problem("\(side): \(Self.facts(sst)), unlike the database (\(Self.facts(st))): whoever is not its owner may be locked out",
                                      fix: "chgrp \(Accounts.groupName(st.st_gid)) \(side) && chmod \(DatabaseSharing.octal(st.st_mode & 0o777)) \(side)"))
            } else {
                found.append(.ok("\(side): \(Self.facts(sst))"))
            }
        }
        if !missing.isEmpty {
            found.append(.problem("\(missing.joined(separator: " and ")) missing (the sqlite3 CLI deletes them when it closes the database last): users who may not write \(directory), such as read-only leads, cannot open the database until a writer makes them again",
                                  fix: "warroom init --db \(path), as a member of \(dirGroup) or root (warroom keeps them); open this file with warroom, not sqlite3"))
        }
        return found
    }

    /// "root:sre 0660".
    static func facts(_ st: stat) -> String {
        "\(Accounts.userName(st.st_uid)):\(Accounts.groupName(st.st_gid)) \(DatabaseSharing.octal(st.st_mode & 0o7777))"
    }
}
