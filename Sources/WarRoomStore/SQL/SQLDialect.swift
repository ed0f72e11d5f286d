/// The few places where SQLite and PostgreSQL spell the same thing
/// differently. Everything else in the store's SQL is common to both
/// (`ON CONFLICT … DO UPDATE`, `RETURNING`, `coalesce`, window functions).
public protocol SQLDialect: Sendable {
    /// A string value of a JSON object column, by key: SQLite's
    /// `json_extract(c, '$.k')`, PostgreSQL's `(c::jsonb ->> 'k')`.
    func jsonText(_ column: String, key: String) -> String
    /// The larger of two values: SQLite's two-argument `max`, PostgreSQL's `greatest`.
    func greatest(_ a: String, _ b: String) -> String
    /// The smaller of two values: `min` / `least`.
    func least(_ a: String, _ b: String) -> String
    /// The statement that makes a table's next generated id follow the
    /// largest one present, after rows were written with their ids given
    /// (`warroom copy`); nil when the backend needs none. PostgreSQL's
    /// identity sequence does not move for given ids (`setval`); SQLite's
    /// AUTOINCREMENT and rowid already follow the largest id written.
    func identityCatchUp(table: String, column: String) -> String?
}
