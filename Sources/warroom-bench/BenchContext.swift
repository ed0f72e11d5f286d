import Foundation

/// Where the bench finds the programs it measures and keeps its scratch files.
struct BenchContext {
    let quick: Bool
    /// What the propagation, chat and ingest benches measure, in order.
    let backends: [BenchBackend]
    let runs: Int
    let warroom: String
    let scratch: String
    /// History databases and the figures measured on them, shared by benches.
    let history = HistoryCache()
    let postgres = BenchPostgres()

    init(quick: Bool, backends: [BenchBackend] = BenchBackend.allCases) throws {
        self.quick = quick
        self.backends = backends
        runs = 5
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        warroom = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("warroom").path
        guard FileManager.default.isExecutableFile(atPath: warroom) else {
            throw BenchError("no warroom binary beside the bench at \(warroom); build both: swift build -c release")
        }
        scratch = NSTemporaryDirectory() + "warroom-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { scratch + "/" + name }

    /// The bench's environment without the settings that would change what
    /// a war room shows or runs (a config with collectors, a theme).
    var warroomEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WARROOM_") && $0.key != "NO_COLOR" }
    }

    func freshDatabase(_ name: String) -> String {
        let p = path(name)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
        return p
    }

    /// A fresh database on `backend`: the SQLite file `name` in the
    /// scratch directory, or a new database of the bench's PostgreSQL
    /// cluster (its URL).
    func freshDatabase(_ name: String, on backend: BenchBackend) throws -> String {
        switch backend {
        case .sqlite: return freshDatabase(name)
        case .postgres: return try postgres.cluster().createDatabase()
        }
    }

    /// Removes a database made by `freshDatabase(_:on:)` (SQLite's are
    /// overwritten by the next run).
    func discard(_ location: String, on backend: BenchBackend) {
        if backend == .postgres { postgres.drop(location) }
    }

    /// One bench's rows for every backend asked for, in order; where
    /// PostgreSQL is not installed, a line saying so instead of its rows.
    func rows(_ body: (BenchBackend) throws -> [String]) throws -> [String] {
        try backends.flatMap { backend -> [String] in
            if backend == .postgres, let missing = postgres.unavailable { return ["  \(missing)"] }
            return try body(backend)
        }
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: scratch) }

    static func which(_ program: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}
