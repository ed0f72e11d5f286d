import Foundation

/// Every error a user can cause, each with the one line they will read.
public enum WarRoomError: Error, Equatable, CustomStringConvertible {
    case databaseIsDirectory(String)
    case databaseNotSQLite(String)
    /// A FIFO, a device, a socket: SQLite would block on it or write beside it.
    case databaseNotRegularFile(String, kind: String)
    /// A SQLite file that holds another program's tables.
    case databaseForeign(String, table: String)
    case databaseUnwritable(String, reason: String)
    case databaseUnreadable(String, reason: String)
    case databaseMissing(String)
    case databaseTooNew(String, migration: String, known: Int)
    case databaseFailed(String, reason: String)
    case incidentNotFound(Int64)
    case taskNotFound(Int64)
    case alertNotFound(String)
    case incidentResolved(Int64)
    case leaseLost(holder: String, now: String?)
    case invalid(String)

    /// What went wrong without the database's name, for a line that
    /// already says which database (a screen's status line).
    public var reason: String {
        switch self {
        case .databaseUnwritable(_, let reason), .databaseUnreadable(_, let reason), .databaseFailed(_, let reason):
            return reason
        default:
            return description
        }
    }

    public var description: String {
        switch self {
        case .databaseIsDirectory(let p):
            return "\(p) is a directory, not a database file; give a file path with --db"
        case .databaseNotSQLite(let p):
            return "\(p) is not a warroom database (not a SQLite file); refusing to touch it"
        case .databaseNotRegularFile(let p, let kind):
            return "\(p) is \(kind), not a database file; give --db the path of a regular file (or of one to create)"
        case .databaseForeign(let p, let table):
            return "\(p) is not a warroom database (it holds another program's table \"\(table)\"); refusing to touch it"
        case .databaseUnwritable(let p, let reason):
            return "cannot write to \(p): \(reason)"
        case .databaseUnreadable(let p, let reason):
            return "cannot read \(p): \(reason)"
        case .databaseMissing(let p):
            return "no database at \(p); create it with `warroom init --db \(p)`"
        case .databaseTooNew(let p, let migration, let known):
            return "\(p) was changed by a newer warroom: migration \"\(migration)\" is unknown to this one (schema version \(known)); upgrade warroom"
        case .databaseFailed(let p, let reason):
            return "database \(p): \(reason)"
        case .incidentNotFound(let id):
            return "no incident #\(id)"
        case .taskNotFound(let id):
            return "no task #\(id)"
        case .alertNotFound(let what):
            return "no alert matches \(what)"
        case .incidentResolved(let id):
            return "incident #\(id) is resolved; reopen it first with `--status investigating`"
        case .leaseLost(let holder, let now):
            return "\(holder) no longer runs the collectors" + (now.map { "; \($0) does" } ?? "") + "; nothing was written"
        case .invalid(let message):
            return message
        }
    }
}
