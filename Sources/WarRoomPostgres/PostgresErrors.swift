import Foundation
import WarRoomModel
import WarRoomStore

/// Turns libpq's failures into the one line a user can act on, naming the
/// database by its location (never its password).
enum PostgresErrors {
    /// A failed connection: libpq's message is several lines ("connection
    /// to server on socket … failed: FATAL:  …" and a hint); the user gets
    /// what went wrong and what to do.
    static func connectionFailed(_ location: String, message: String) -> WarRoomError {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var first = lines.first ?? "cannot connect"
        // "connection to server on socket "/run/….s.PGSQL.5432" failed: …"
        // or "… at "db1" (10.0.0.1), port 5432 failed: …": which server.
        var server = ""
        if let r = first.range(of: " failed: ") {
            if let s = first.range(of: "connection to server "), s.upperBound <= r.lowerBound {
                server = String(first[s.upperBound..<r.lowerBound]) + ": "
            }
            first = String(first[r.upperBound...])
        }
        for prefix in ["FATAL:  ", "FATAL: ", "ERROR:  "] where first.hasPrefix(prefix) { first = String(first.dropFirst(prefix.count)) }
        if first.contains("password authentication failed") || first.contains("no password supplied") {
            return .databaseUnreadable(location, reason: "\(first); check the password (in the URL, PGPASSWORD or ~/.pgpass)")
        }
        if first.hasPrefix("database \""), first.hasSuffix("does not exist") {
            return .databaseFailed(location, reason: "\(first) on that server; create it (createdb) and run `warroom init --db` with this location")
        }
        if first.hasPrefix("role \""), first.hasSuffix("does not exist") {
            return .databaseUnreadable(location, reason: "\(first) on that server; connect as an existing role (user= or user@ in the URL, PGUSER)")
        }
        if first.contains("Connection refused") || first.contains("No such file or directory")
            || first.contains("timeout expired") || first.contains("could not translate host name") {
            return .databaseFailed(location, reason: "cannot reach the server (\(server)\(first)); is PostgreSQL running and accepting connections there?")
        }
        return .databaseFailed(location, reason: "cannot connect: \(first)")
    }

    /// Runs `body`, turning PostgreSQL errors into `WarRoomError`s; `writing`
    /// says whether a refusal of rights is about writing or reading.
    static func map<T>(_ location: String, writing: Bool, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw translate(error, location: location, writing: writing)
        }
    }

    static func translate(_ error: PostgresError, location: String, writing: Bool) -> WarRoomError {
        let message = error.message
        switch error.sqlState {
        case "42501":
            return writing
                ? .databaseUnwritable(location, reason: "\(message); this role may only read: nothing was written (ask the owner to GRANT INSERT, UPDATE, DELETE, or use `warroom status`)")
                : .databaseUnreadable(location, reason: "\(message); ask the owner to GRANT SELECT on warroom's tables")
        case "25006":
            return .databaseUnwritable(location, reason: "the server is read-only (\(message)); nothing was written. Point --db at the primary (several hosts with target_session_attrs=read-write fail over)")
        case "53100":
            return .databaseUnwritable(location, reason: "the server's disk is full; nothing was written")
        case "40001", "40P01", "55P03":
            return .databaseFailed(location, reason: "\(message); nothing was written, try again")
        case "42P01":
            return .databaseFailed(location, reason: "\(message): not initialised; run `warroom init --db` with this location")
        default:
            if error.sqlState.hasPrefix("08") || error.sqlState.hasPrefix("57P") {
                return .databaseFailed(location, reason: "lost the connection to the server (\(message)); nothing was written, try again")
            }
            return .databaseFailed(location, reason: message)
        }
    }
}
