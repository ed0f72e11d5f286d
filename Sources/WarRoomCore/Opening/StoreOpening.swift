import Foundation
import WarRoomSQLite

extension WarRoomStore {
    /// Opens the war room where `--db` says: the SQLite file at `path` (see
    /// `SQLiteBackend`). The one place that chooses a backend.
    public convenience init(path: String, mode: Mode = .readWrite, author: String = Author.current,
                            createDirectory: Bool = false, sharing: DatabaseSharing = DatabaseSharing(),
                            clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let backend = try SQLiteBackend(path: path, readOnly: mode == .readOnly, createDirectory: createDirectory, sharing: sharing)
        self.init(backend: backend, author: author, clock: clock)
    }
}
