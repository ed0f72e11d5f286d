import Foundation
import WarRoomModel
import WarRoomStore
#if canImport(Glibc)
import Glibc
#endif

/// Why the current user may not read or write a path, said with the owner,
/// group and mode that cause it and the command that fixes it, so that
/// "cannot write" is never the whole sentence.
public struct PermissionProblem {
    public let path: String
    /// What the fix command should name: `warroom.db*` for the database
    /// files, the directory itself for a directory.
    public let fixTarget: String
    public let write: Bool

    public init(path: String, fixTarget: String, write: Bool) {
        self.path = path
        self.fixTarget = fixTarget
        self.write = write
    }

    /// The cause and the fix, e.g. "owned by root:sre, mode 0644, and you
    /// (bob) are not the owner, and group sre may not write it; run: chmod g+w
    /// /var/lib/warroom/warroom.db* (see `warroom doctor`)".
    /// `error` is the errno `access` failed with.
    public func explain(error: Int32) -> String {
        let doctor = " (see `warroom doctor`)"
        if error == EROFS { return "it is on a read-only file system; remount it read-write" + doctor }
        var st = stat()
        guard stat(path, &st) == 0 else { return String(cString: strerror(error)) + doctor }
        let me = "you (\(Author.current))"
        let owner = Accounts.userName(st.st_uid), group = Accounts.groupName(st.st_gid)
        let verb = write ? "write" : "read"
        let bit: mode_t = write ? 2 : 4
        let letter = write ? "w" : "r"
        let facts = "owned by \(owner):\(group), mode \(String(format: "%04o", st.st_mode & 0o7777))"
        if st.st_uid == geteuid() {
            return "\(facts), not \(write ? "writable" : "readable") even by its owner, \(me); run: chmod u+\(letter) \(fixTarget)" + doctor
        }
        let groupMay = st.st_mode & (bit << 3) != 0
        if Accounts.isMember(st.st_gid) {
            if groupMay {
                return "\(facts), and group \(group), which \(me) are in, may \(verb) it, yet the system refused (an ACL or a security module?)" + doctor
            }
            return "\(facts), and \(me) are not the owner, and group \(group) may not \(verb) it; run: chmod g+\(letter) \(fixTarget)" + doctor
        }
        if groupMay {
            return "\(facts), and \(me) are neither the owner nor in group \(group); run: adduser \(Author.current) \(group), then log in again" + doctor
        }
        // Neither owner nor group helps: give it to the group of the
        // directory when the user is in that one, as `warroom init` does.
        let directory = DatabaseFileCheck.directory(of: path)
        var dst = stat()
        if stat(directory, &dst) == 0, dst.st_gid != st.st_gid, Accounts.isMember(dst.st_gid) {
            return "\(facts), and \(me) are neither the owner nor in group \(group); run: chgrp \(Accounts.groupName(dst.st_gid)) \(fixTarget) && chmod g+\(letter) \(fixTarget)" + doctor
        }
        return "\(facts), and \(me) are neither the owner nor in group \(group); ask its owner to share it with a group you are in (chgrp, chmod g+\(letter))" + doctor
    }
}
