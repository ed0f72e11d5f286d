import Foundation
import WarRoomModel
import WarRoomStore
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Reads for a user who may not create the -wal and -shm files SQLite needs
/// to open a WAL database, when they are missing (the sqlite3 CLI, closing
/// last, deletes them; warroom keeps them). SQLite then refuses even a
/// read-only open ("attempt to write a readonly database").
///
/// With no -wal file, every committed transaction is in the database file
/// itself, so an `immutable` open (no locks, no side files) reads exactly
/// what was committed, as long as no writer comes along meanwhile. So each
/// read checks afterwards that there is still no -wal and that the file's
/// size and modification time are those it opened with; a writer that has
/// made the side files again (warroom keeps them for readers) turns the
/// reader into an ordinary live one. What cannot be read safely is refused
/// with `cannot read …`, the reason and the fix.
final class SnapshotReader: @unchecked Sendable {
    let path: String
    private let configuration: Configuration
    let immutable: DatabaseQueue
    private let opened: stat
    private let lock = NSLock()
    private var live: DatabasePool?

    /// Whether a read-only open of `path` needs this: a WAL file whose -wal
    /// or -shm is missing, in a directory this user cannot write.
    static func isNeeded(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 20)) ?? Data()
        guard header.count == 20, header[18] == 2, header[19] == 2 else { return false }
        let sideFilesMissing = access(path + "-wal", F_OK) != 0 || access(path + "-shm", F_OK) != 0
        return sideFilesMissing && access(DatabaseFileCheck.directory(of: path), W_OK) != 0
    }

    init(path: String, configuration: Configuration) throws {
        self.path = path
        self.configuration = configuration
        if let holder = DatabaseUse.holder(of: path) {
            // A writer without its -wal: not a state warroom leaves; do not guess.
            throw Self.refusal(path, "its -wal and -shm files are missing while process \(holder.pid) (\(holder.name)) has it open")
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw WarRoomError.databaseMissing(path) }
        opened = st
        var config = configuration
        config.readonly = true
        immutable = try SQLiteErrors.map(path) { try DatabaseQueue(path: Self.immutableURI(path), configuration: config) }
    }

    /// `file:/x/warroom.db?immutable=1`, the path percent-encoded.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    static func refusal(_ path: String, _ why: String) -> WarRoomError {
        let dir = DatabaseFileCheck.directory(of: path)
        var st = stat()
        let group = stat(dir, &st) == 0 ? Accounts.groupName(st.st_gid) : "the team"
        return .databaseUnreadable(path, reason: "\(why), and \(Author.current) may not create them in \(dir); "
            + "fix: `warroom init --db \(path)` as a member of \(group) or root (warroom keeps them)")
    }

    /// The live reader once a writer has made the side files again.
    var liveReader: DatabasePool? {
        lock.lock()
        defer { lock.unlock() }
        if let live { return live }
        guard access(path + "-wal", F_OK) == 0, access(path + "-shm", F_OK) == 0,
              let pool = try? DatabasePool(path: path, configuration: configuration) else { return nil }
        live = pool
        return pool
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let pool = liveReader { return try pool.read(body) }
        let result = try immutable.read(body)
        guard unchanged() else {
            if let pool = liveReader { return try pool.read(body) }
            throw Self.refusal(path, "a writer changed it during a read without its -wal and -shm files; run the command again")
        }
        return result
    }

    /// No -wal yet, and the file as it was when opened.
    private func unchanged() -> Bool {
        var st = stat()
        guard access(path + "-wal", F_OK) != 0, stat(path, &st) == 0 else { return false }
        return st.st_ino == opened.st_ino && st.st_size == opened.st_size
            && st.st_mtim.tv_sec == opened.st_mtim.tv_sec && st.st_mtim.tv_nsec == opened.st_mtim.tv_nsec
    }
}

/// The change feed's watcher over a `SnapshotReader`: the counters once, then
/// nothing (nobody writes without making a -wal), until the reader is live;
/// from then on an ordinary `SQLiteChangeProbe`, whose first counters make
/// the screen read everything again.
final class SnapshotChangeProbe: ChangeProbe {
    private let reader: SnapshotReader
    private var readOnce = false
    private var probe: SQLiteChangeProbe?

    init(reader: SnapshotReader) { self.reader = reader }

    func changedCounters() throws -> [String: Int64]? {
        if let probe { return try probe.changedCounters() }
        if reader.liveReader != nil {
            let live = try SQLiteChangeProbe(path: reader.path)
            probe = live
            return try live.changedCounters()
        }
        guard !readOnce else { return nil }
        readOnce = true
        return try reader.read(SQLiteChangeProbe.counters)
    }
}
