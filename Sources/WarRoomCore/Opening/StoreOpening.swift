import Foundation
import WarRoomSQLite
import WarRoomPostgres

extension WarRoomStore {
    /// Opens the war room where `--db` says: a `postgresql://` (or
    /// `postgres://`) URL is a PostgreSQL database (see `PostgresBackend`),
    /// anything else the SQLite file at that path (see `SQLiteBackend`).
    /// The one place that chooses a backend; `createDirectory` and
    /// `sharing` are about files and mean nothing to a server.
    public convenience init(path: String, mode: Mode = .readWrite, author: String = Author.current,
                            createDirectory: Bool = false, sharing: DatabaseSharing = DatabaseSharing(),
                            clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let backend: any StoreBackend
        if DatabaseLocation.isServer(path) {
            backend = try PostgresBackend(conninfo: path, readOnly: mode == .readOnly)
        } else {
            backend = try SQLiteBackend(path: path, readOnly: mode == .readOnly, createDirectory: createDirectory, sharing: sharing)
        }
        self.init(backend: backend, author: author, clock: clock)
    }
}
