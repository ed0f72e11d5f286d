import Foundation
import WarRoomModel
import GRDB
import WarRoomStore

/// Turns SQLite's codes into the sentences a user can act on.
enum SQLiteErrors {
    static func map<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as WarRoomError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw WarRoomError.databaseNotSQLite(path)
            case .SQLITE_READONLY:
                throw WarRoomError.databaseUnwritable(path, reason: "the database is read-only here")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                throw WarRoomError.databaseUnreadable(path, reason: error.message ?? "cannot open")
            case .SQLITE_FULL:
                throw WarRoomError.databaseUnwritable(path, reason: "the disk is full; nothing was written")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw WarRoomError.databaseFailed(path, reason: "another process held the database for over \(Int(WarRoomStore.busyTimeout)) s; nothing was written, try again")
            case .SQLITE_CORRUPT:
                throw WarRoomError.databaseFailed(path, reason: "the file is damaged (\(error.message ?? "corrupt")); restore it from a backup")
            case .SQLITE_IOERR:
                throw WarRoomError.databaseFailed(path, reason: "input/output error (\(error.message ?? "I/O")); is the disk full or gone?")
            default:
                throw WarRoomError.databaseFailed(path, reason: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
