import WarRoomStore

/// PostgreSQL's spelling of what differs from SQLite. JSON is kept as text
/// (the same bytes as in SQLite) and read through `jsonb`.
struct PostgresDialect: SQLDialect {
    func jsonText(_ column: String, key: String) -> String { "(\(column)::jsonb ->> '\(key)')" }
    func greatest(_ a: String, _ b: String) -> String { "greatest(\(a), \(b))" }
    func least(_ a: String, _ b: String) -> String { "least(\(a), \(b))" }
    /// An identity column's sequence is not moved by rows given their id;
    /// on an empty table `max` is NULL and `setval`, being strict, does nothing.
    func identityCatchUp(table: String, column: String) -> String? {
        "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), max(\(column))) FROM \(table)"
    }
}
