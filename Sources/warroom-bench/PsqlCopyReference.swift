import Foundation
import WarRoomTestSupport

/// PostgreSQL's own bulk load, the reference for `warroom ingest` on
/// PostgreSQL: `psql -c "\copy log_line(source, at, level, text) FROM
/// FILE"` into a fresh database that `warroom init` made (the same table
/// and index). FILE holds the very rows `warroom ingest` writes for the
/// corpus, in COPY's text format, in id order: it is made once, untimed,
/// by ingesting the corpus into a scratch database and `\copy (SELECT …
/// ORDER BY id) TO FILE`. Both then load the same data, and the bench
/// needs no COPY encoder of its own.
struct PsqlCopyReference {
    static let target = "log_line(source, at, level, text)"
    let cluster: PostgresCluster
    let rows: String
    let megabytes: Double

    /// `scratch` is a fresh database (a URL of `cluster`), dropped after.
    init(context: BenchContext, cluster: PostgresCluster, corpus: String, source: String, scratch: String) throws {
        self.cluster = cluster
        rows = context.path("copy-rows.txt")
        defer { context.discard(scratch, on: .postgres) }
        let ingested = try ChildProcess.run(context.warroom, ["ingest", "--source", source, "--db", scratch, "--quiet"], stdinPath: corpus)
        guard ingested.status == 0 else { throw BenchError("warroom ingest into PostgreSQL exited \(ingested.status)") }
        let copied = try Self.psql(cluster, scratch, "\\copy (SELECT source, at, level, text FROM log_line ORDER BY id) TO '\(rows)'")
        guard copied.status == 0 else { throw BenchError("psql \\copy TO exited \(copied.status)") }
        megabytes = Double((try FileManager.default.attributesOfItem(atPath: rows)[.size] as? Int) ?? 0) / 1_048_576
    }

    /// Times psql's `\copy` of the rows into `database` (a URL of the cluster).
    func load(into database: String) throws -> ChildProcess.Outcome {
        try Self.psql(cluster, database, "\\copy \(Self.target) FROM '\(rows)'")
    }

    private static func psql(_ cluster: PostgresCluster, _ database: String, _ command: String) throws -> ChildProcess.Outcome {
        try ChildProcess.run(PostgresCluster.bin + "/psql", cluster.psqlArguments(database: cluster.databaseName(database)) + ["-c", command])
    }
}
