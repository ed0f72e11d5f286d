import Foundation
import WarRoomTestSupport

/// The bench's PostgreSQL: a throwaway cluster of its own (the tests'
/// `PostgresCluster`), started when the first PostgreSQL row is measured,
/// not before, and stopped at exit by PostgresCluster's exit handler. It
/// runs with fsync on, unlike the tests' clusters: a commit then costs what
/// it costs on a real server, as SQLite's does on its file.
final class BenchPostgres: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Result<PostgresCluster, Error>?

    /// Why there can be no PostgreSQL rows on this machine, or nil.
    var unavailable: String? {
        FileManager.default.isExecutableFile(atPath: PostgresCluster.bin + "/postgres") ? nil
            : "PostgreSQL 15 is not installed (no \(PostgresCluster.bin)/postgres): no PostgreSQL rows (apt-get install postgresql-15)"
    }

    /// The cluster, started on first use; a failed start is not retried.
    func cluster() throws -> PostgresCluster {
        lock.lock()
        defer { lock.unlock() }
        if started == nil { started = Result { try PostgresCluster.standalone(fsync: true) } }
        return try started!.get()
    }

    /// Drops a database the bench is done with: five runs of a million
    /// log lines would otherwise stay on disk until exit.
    func drop(_ url: String) {
        guard let cluster = try? cluster() else { return }
        _ = try? cluster.psql("DROP DATABASE IF EXISTS \(cluster.databaseName(url)) WITH (FORCE)")
    }
}
