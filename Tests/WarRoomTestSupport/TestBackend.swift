/// The backends a store or CLI test runs against (Swift Testing
/// `arguments:`): the same test, once on an SQLite file, once on a fresh
/// PostgreSQL database of the process's throwaway cluster.
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// A new, empty database: a path in `dir` or a PostgreSQL URL.
    public func newLocation(in dir: String) throws -> String {
        switch self {
        case .sqlite: return dir + "/warroom.db"
        case .postgres: return try PostgresCluster.shared().createDatabase()
        }
    }
}
