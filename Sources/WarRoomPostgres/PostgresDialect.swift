import WarRoomStore

/// PostgreSQL's spelling of what differs from SQLite. JSON is kept as text
/// (the same bytes as in SQLite) and read through `jsonb`.
struct PostgresDialect: SQLDialect {
    func jsonText(_ column: String, key: String) -> String { "(\(column)::jsonb ->> '\(key)')" }
    func greatest(_ a: String, _ b: String) -> String { "greatest(\(a), \(b))" }
    func least(_ a: String, _ b: String) -> String { "least(\(a), \(b))" }
}
