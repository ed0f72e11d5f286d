import Foundation

/// A Unix group and users that exist for one test, as on a bastion: two
/// SREs in the group (each also with a private primary group, Debian's
/// default) and a lead outside it. Needs root; all removed at the end.
final class ThrowawayTeam {
    let group: String
    let sre1: String
    let sre2: String
    let lead: String

    init() throws {
        let tag = "wr" + UUID().uuidString.prefix(8).lowercased()
        group = tag
        sre1 = tag + "a"
        sre2 = tag + "b"
        lead = tag + "l"
        try Self.run("/usr/sbin/groupadd", [group])
        for sre in [sre1, sre2] { try Self.run("/usr/sbin/useradd", ["-M", "-s", "/usr/sbin/nologin", "-G", group, sre]) }
        try Self.run("/usr/sbin/useradd", ["-M", "-s", "/usr/sbin/nologin", lead])
    }

    deinit {
        for user in [sre1, sre2, lead] { try? Self.run("/usr/sbin/userdel", [user]) }
        try? Self.run("/usr/sbin/groupdel", [group])
    }

    var gid: gid_t { getgrnam(group)?.pointee.gr_gid ?? 0 }

    /// Gives the database, its -wal and its -shm (those that exist) this owner, group and mode.
    func set(_ db: String, owner: String = "root", group: String? = nil, mode: mode_t) {
        let uid = getpwnam(owner)?.pointee.pw_uid ?? 0
        let gid = getgrnam(group ?? self.group)?.pointee.gr_gid ?? 0
        for file in [db, db + "-wal", db + "-shm"] where access(file, F_OK) == 0 {
            chown(file, uid, gid)
            chmod(file, mode)
        }
    }

    /// "alice:sre 0660" for a file.
    static func ownership(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        let user = getpwuid(st.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "\(st.st_uid)"
        let group = getgrgid(st.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "\(st.st_gid)"
        return "\(user):\(group) " + String(format: "%04o", st.st_mode & 0o7777)
    }

    /// Runs the sqlite3 CLI as a user; as the last connection to close, it
    /// deletes -wal and -shm.
    func sqlite3(_ db: String, _ sql: String, user: String) throws {
        try Self.run("/usr/sbin/runuser", ["-u", user, "--", "/usr/bin/sqlite3", db, sql])
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw HTTPTestError("\(tool) \(arguments.joined(separator: " ")) failed") }
    }
}
