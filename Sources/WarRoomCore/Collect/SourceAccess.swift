import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the user running the collectors may not read a log file or run a
/// program, said with the owner, group and mode in the way and who could:
/// "cannot read /var/log/auth.log as maria (root:adm 0640); run the
/// collectors as a user in group adm (warroom collect as a service)". A
/// war room runs the collectors as whoever opened it, who often may not.
enum SourceAccess {
    enum Need {
        case read, run

        var verb: String { self == .read ? "read" : "run" }
        /// The permission bit for "other"; shift by 3 for the group, 6 for the owner.
        var bit: mode_t { self == .read ? 4 : 1 }
    }

    /// The sentence, or nil when nothing at the path is in the way (it is
    /// missing, or this user may read or run it).
    static func problem(_ path: String, _ need: Need) -> String? {
        guard path.hasPrefix("/") else { return nil }
        let me = Author.current
        // The first directory on the way this user may not search, else the file.
        var directory = ""
        for part in path.split(separator: "/").dropLast() {
            directory += "/" + part
            if access(directory, X_OK) != 0, errno == EACCES {
                guard let st = status(directory) else { return nil }
                return "cannot \(need.verb) \(shown(path)) as \(me): the directory \(shown(directory)) is \(facts(st)); "
                    + advice(st, bit: 1)
            }
        }
        guard access(path, need == .read ? R_OK : X_OK) != 0, errno == EACCES, let st = status(path) else { return nil }
        return "cannot \(need.verb) \(shown(path)) as \(me) (\(facts(st))); " + advice(st, bit: need.bit)
    }

    /// The same for the program a command runs: its first word, or, for a
    /// command run through /bin/sh, the first word of the script.
    static func problem(running argv: [String]) -> String? {
        var program = argv.first ?? ""
        if argv.count == 3, argv[0] == "/bin/sh", argv[1] == "-c" {
            program = argv[2].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.map(String.init) ?? ""
        }
        return problem(program, .run)
    }

    private static func status(_ path: String) -> stat? {
        var st = stat()
        return stat(path, &st) == 0 ? st : nil
    }

    private static func shown(_ path: String) -> String { TextSanitizer.displayable(path) }

    private static func facts(_ st: stat) -> String {
        "\(Accounts.userName(st.st_uid)):\(Accounts.groupName(st.st_gid)) \(String(format: "%04o", st.st_mode & 0o7777))"
    }

    /// Who may: the group when its bit is set, else the owner.
    private static func advice(_ st: stat, bit: mode_t) -> String {
        let service = " (warroom collect as a service)"
        if st.st_mode & (bit << 3) != 0, !Accounts.isMember(st.st_gid) {
            return "run the collectors as a user in group \(Accounts.groupName(st.st_gid))" + service
        }
        if st.st_mode & (bit << 6) != 0 {
            return "run the collectors as \(Accounts.userName(st.st_uid))" + service + ", or give a group access (chgrp, chmod g+" + (bit == 4 ? "r" : "x") + ")"
        }
        return "nobody but root may; give a group access (chgrp, chmod g+" + (bit == 4 ? "r" : "x") + ") and run the collectors as a user in it" + service
    }
}
