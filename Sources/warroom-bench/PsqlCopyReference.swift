import Foundation
import WarRoomCore
import WarRoomPostgres
import WarRoomTestSupport

/// PostgreSQL's own bulk load, the reference for `warroom ingest` on
/// PostgreSQL: `psql -c "\copy log_line(source, at, level, text) FROM
/// FILE"` into a fresh database that `warroom init` made (the same table
/// and index). FILE holds the corpus as the very rows ingest sends through
/// COPY (read by the same `LogLineReader`, in the same text format), so
/// both load the same data; it is prepared once, untimed, by a child
/// process: the bench's own peak RSS is the floor of every child's figure
/// (posix_spawn shares the bench's memory until exec), so it stays small.
struct PsqlCopyReference {
    let rows: String
    let megabytes: Double

    init(context: BenchContext, corpus: String, source: String) throws {
        rows = context.path("copy-rows.txt")
        let o = try ChildProcess.run(ChildProcess.benchBinary, ["--copy-rows", corpus, rows, source])
        guard o.status == 0 else { throw BenchError("preparing the COPY rows exited \(o.status)") }
        megabytes = Double((try FileManager.default.attributesOfItem(atPath: rows)[.size] as? Int) ?? 0) / 1_048_576
    }

    /// Child mode: the corpus as COPY rows, read 1 MB at a time.
    static func writeRows(corpus: String, to rows: String, source: String) throws {
        guard FileManager.default.createFile(atPath: rows, contents: nil),
              let out = FileHandle(forWritingAtPath: rows), let input = FileHandle(forReadingAtPath: corpus) else {
            throw BenchError("cannot write \(rows) from \(corpus)")
        }
        defer {
            try? out.close()
            try? input.close()
        }
        var reader = LogLineReader(source: source)
        var records: [LogRecord] = []
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                reader.feed(bytes.bindMemory(to: UInt8.self)) { records.append($0) }
            }
            out.write(Data(PostgresLogCopy.rows(records)))
            records.removeAll(keepingCapacity: true)
        }
        reader.finish { records.append($0) }
        out.write(Data(PostgresLogCopy.rows(records)))
    }

    /// Times psql's `\copy` of the rows into `database` (a URL of `cluster`).
    func load(into database: String, of cluster: PostgresCluster) throws -> ChildProcess.Outcome {
        let copy = "\\copy \(PostgresLogCopy.target) FROM '\(rows)'"
        return try ChildProcess.run(PostgresCluster.bin + "/psql", cluster.psqlArguments(database: cluster.databaseName(database)) + ["-c", copy])
    }
}
