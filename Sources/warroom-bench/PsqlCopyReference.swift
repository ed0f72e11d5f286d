import Foundation
import WarRoomCore
import WarRoomPostgres
import WarRoomTestSupport

/// PostgreSQL's own bulk load, the reference for `warroom ingest` on
/// PostgreSQL: `psql -c "\copy log_line(source, at, level, text) FROM
/// FILE"` into a fresh database that `warroom init` made (the same table and
/// index). FILE holds the corpus as the very rows
/// ingest sends through COPY (read by the same `LogLineReader`, in the same
/// text format), so both load the same data; it is prepared once, untimed.
struct PsqlCopyReference {
    let rows: String
    let megabytes: Double

    init(context: BenchContext, corpus: String, source: String) throws {
        rows = context.path("copy-rows.txt")
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
        while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                reader.feed(bytes.bindMemory(to: UInt8.self)) { records.append($0) }
            }
            out.write(Data(PostgresLogCopy.rows(records)))
            records.removeAll(keepingCapacity: true)
        }
        reader.finish { records.append($0) }
        out.write(Data(PostgresLogCopy.rows(records)))
        megabytes = Double(try out.offset()) / 1_048_576
    }

    /// Times psql's `\copy` of the rows into `database` (a URL of `cluster`).
    func load(into database: String, of cluster: PostgresCluster) throws -> ChildProcess.Outcome {
        let copy = "\\copy \(PostgresLogCopy.target) FROM '\(rows)'"
        return try ChildProcess.run(PostgresCluster.bin + "/psql", cluster.psqlArguments(database: cluster.databaseName(database)) + ["-c", copy])
    }
}
