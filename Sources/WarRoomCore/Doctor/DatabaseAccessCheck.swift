import Foundation
import WarRoomSQLite
#if canImport(Glibc)
import Glibc
#endif

/// What the user running doctor may do with the database, and why not,
/// through the same checks (and sentences) every command uses on opening.
struct DatabaseAccessCheck {
    let path: String

    func findings() -> [DoctorFinding] {
        let me = "you (\(Author.current))"
        guard access(path, F_OK) == 0 else { return [] }  // DatabaseFilesCheck said so
        do {
            _ = try DatabaseFileCheck.check(path: path, writable: false, createDirectory: false)
        } catch {
            return [.problem(explained: "\(error)", otherwise: "see docs/deployment.md, section 3")]
        }
        guard mayBeWriter else {
            let group = Accounts.groupName(fileGroup)
            return [.ok("\(me) may read \(path) but not write it: neither its owner nor in group \(group), as a read-only lead (to write: adduser \(Author.current) \(group))")]
        }
        do {
            _ = try DatabaseFileCheck.check(path: path, writable: true, createDirectory: false)
        } catch {
            return [.problem(explained: "\(error)", otherwise: "see docs/deployment.md, section 2")]
        }
        return [.ok("\(me) may read and write \(path)")]
    }

    private var fileGroup: gid_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_gid : gid_t.max
    }

    /// Root, the file's owner, or a member of its group or of its
    /// directory's: someone who is meant to write, so not writing is a
    /// problem. Anyone else is a reader by design, and never runs the
    /// collectors (they write).
    var mayBeWriter: Bool {
        var st = stat(), dst = stat()
        guard stat(path, &st) == 0 else { return false }
        if geteuid() == 0 || st.st_uid == geteuid() || Accounts.isMember(st.st_gid) { return true }
        return stat(DatabaseFileCheck.directory(of: path), &dst) == 0 && Accounts.isMember(dst.st_gid)
    }
}
