import Foundation
import WarRoomModel
import WarRoomStore

/// The war room in a PostgreSQL database, through libpq: for a team that
/// outgrows one machine. The `--db` value is handed to libpq as the user
/// wrote it (a `postgresql://` URI), so its conventions hold: PG*
/// variables, ~/.pgpass, service files, sslmode, peer authentication on
/// the unix socket, several hosts with `target_session_attrs=read-write`.
///
/// A small pool of sessions, guarded by a lock; each transaction has one to
/// itself. `@unchecked Sendable` because the lock guards `idle`.
public final class PostgresBackend: StoreBackend, @unchecked Sendable {
    public let location: String
    public let isReadOnly: Bool
    private let conninfo: String
    private let lock = NSLock()
    private var idle: [PostgresSession] = []
    private static let maxIdle = 4

    /// Whether a `--db` value names a PostgreSQL database.
    public static func handles(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Connects; when writable, creates or migrates the schema (under an
    /// advisory lock); when read-only, only checks that it is there.
    public init(conninfo: String, readOnly: Bool = false) throws {
        self.conninfo = conninfo
        location = PostgresLocation.withoutPassword(conninfo)
        isReadOnly = readOnly
        let session = try PostgresSession(conninfo: conninfo, location: location)
        try PostgresErrors.map(location, writing: !readOnly) {
            if readOnly {
                guard try PostgresSchema.isCurrent(try PostgresSchema.applied(session), location: location) else {
                    throw WarRoomError.databaseFailed(location, reason: "not initialised (or from an older warroom); run `warroom init --db` with this location as a role that may create tables")
                }
            } else {
                try PostgresSchema.migrate(session, location: location)
            }
        }
        idle.append(session)
    }

    /// One writer at a time (the write lock), notifying every change feed
    /// in the same transaction: listeners hear of it when it commits. The
    /// lock is taken with BEGIN, and the NOTIFY sent with COMMIT, in one
    /// round trip each: from a bastion in another region every round trip
    /// to the primary is tens of milliseconds of a typed line.
    public func write<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN; SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLock))",
                        commit: "NOTIFY \(PostgresSchema.channel); COMMIT", writing: true) { session in
            try body(PostgresConnection(session))
        }
    }

    /// A snapshot: every statement of the read sees the same commits.
    public func read<T>(_ body: (SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", commit: "COMMIT", writing: false) { session in
            try body(PostgresConnection(session))
        }
    }

    /// A server database cannot be deleted or swapped under an open
    /// connection the way a file can; a dropped one fails the next statement.
    public func checkStillThere() throws {}

    public func makeChangeProbe() throws -> ChangeProbe {
        try PostgresChangeProbe(session: PostgresSession(conninfo: conninfo, location: location), location: location)
    }

    /// How many migrations the database has, as SQLite's `user_version` says.
    public func schemaVersion() throws -> Int {
        try read { db in try db.scalar(Int.self, "SELECT count(*) FROM warroom_migrations") ?? 0 }
    }

    /// "ok", or what is missing of the schema (a table, the append-only trigger).
    public func integrityCheck() throws -> String {
        try read { db in
            let present = Set(try db.column(String.self, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
            var problems = PostgresSchema.tables.filter { !present.contains($0) }.map { "table \($0) is missing" }
            let triggers = try db.scalar(Int.self, "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'event_append_only%' AND NOT tgisinternal") ?? 0
            if triggers < 2 { problems.append("the timeline's append-only triggers are missing") }
            return problems.isEmpty ? "ok" : problems.joined(separator: "; ")
        }
    }

    // MARK: - The pool

    private func transaction<T>(begin: String, commit: String, writing: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        let session = try checkOut()
        var healthy = true
        defer { checkIn(session, healthy: healthy) }
        return try PostgresErrors.map(location, writing: writing) {
            do {
                try session.run(begin).check()
            } catch where session.isBroken {
                // A pooled connection the server dropped while it sat idle
                // (a restart) can look alive until its first statement;
                // nothing ran yet, so reconnect and begin once more.
                try session.reset(location: location)
                try session.run(begin).check()
            }
            do {
                let result = try body(session)
                try session.run(commit).check()
                return result
            } catch {
                if session.isBroken {
                    healthy = false
                } else if (try? session.run("ROLLBACK").check()) == nil {
                    healthy = false
                }
                throw error
            }
        }
    }

    /// An idle session, reconnected if the server dropped it while it
    /// waited (a restart, a failover), or a new one.
    private func checkOut() throws -> PostgresSession {
        lock.lock()
        let pooled = idle.popLast()
        lock.unlock()
        guard let pooled else { return try PostgresSession(conninfo: conninfo, location: location) }
        if pooled.isBroken || !pooled.isIdle || !pooled.isAlive() {
            try pooled.reset(location: location)
        }
        return pooled
    }

    private func checkIn(_ session: PostgresSession, healthy: Bool) {
        guard healthy, !session.isBroken, session.isIdle else { return }
        lock.lock()
        if idle.count < Self.maxIdle { idle.append(session) }
        lock.unlock()
    }
}
