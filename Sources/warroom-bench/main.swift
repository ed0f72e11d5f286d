import Foundation
import WarRoomSQLite

// warroom-bench [--quick] [--backend sqlite|postgres|both] [ingest] [chat] [propagation] [frame] [storm] [startup] [pty] [report] [growth]
// Prints figures (medians of 5 runs with min and max, and ratios against a
// reference measured in the same run). It passes or fails nothing.
let args = Array(CommandLine.arguments.dropFirst())

/// The child modes: this binary re-run as a writer or a collector.
func childMode(_ body: () throws -> Void) -> Never {
    do { try body() } catch {
        FileHandle.standardError.write(Data("\(args[0]): \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "--chat-writer", args.count == 4, let count = Int(args[2]), let id = Int(args[3]) {
    childMode { try ChatLatencyBench.writer(db: args[1], count: count, id: id) }
}
if args.first == "--propagation-writer", args.count == 3, let count = Int(args[2]) {
    childMode { try PropagationBench.writer(db: args[1], count: count) }
}
if args.first == "--schema-fixture", args.count == 3, let version = Int(args[2]) {
    // A file at an earlier schema version, for make-fixture.sh.
    childMode { try SchemaFixture.migrate(path: args[1], toVersion: version) }
}
if args.first == "--logfile-collector", args.count == 3 {
    childMode { try CollectorIngest.child(db: args[1], file: args[2]) }
}

let quick = args.contains("--quick")
// `--backend X` (or `--backend=X`): which rows propagation, chat and ingest print.
let backendAt = args.firstIndex { $0 == "--backend" || $0.hasPrefix("--backend=") }
let backendValue = backendAt.flatMap { i in
    args[i].hasPrefix("--backend=") ? String(args[i].dropFirst("--backend=".count)) : args.indices.contains(i + 1) ? args[i + 1] : ""
}
guard let backends = BenchBackend.parse(backendValue) else {
    FileHandle.standardError.write(Data("warroom-bench: --backend takes sqlite, postgres or both\n".utf8))
    exit(2)
}
let optionValues: Set<Int> = backendAt.map { args[$0] == "--backend" ? [$0 + 1] : [] } ?? []
let selected = Set(args.indices.filter { !args[$0].hasPrefix("--") && !optionValues.contains($0) }.map { args[$0] })
let all = ["ingest", "chat", "propagation", "frame", "storm", "startup", "pty", "report", "load", "growth"]
if let unknown = selected.subtracting(all).first {
    FileHandle.standardError.write(Data("warroom-bench: unknown benchmark \(unknown); choose from \(all.joined(separator: ", "))\n".utf8))
    exit(2)
}

do {
    let context = try BenchContext(quick: quick, backends: backends)
    defer { context.cleanUp() }
    let started = Date()
    print("warroom-bench \(quick ? "(quick) " : "")on \(ProcessInfo.processInfo.hostName), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
    // The load bench runs for 30 s by design; --quick leaves it out unless named.
    for name in all where selected.contains(name) || (selected.isEmpty && !(quick && name == "load")) {
        let benchStarted = Date()
        let lines: [String]
        switch name {
        case "ingest": lines = try IngestBench(context: context).run()
        case "chat": lines = try ChatLatencyBench(context: context).run()
        case "propagation": lines = try PropagationBench(context: context).run()
        case "frame": lines = try FrameBench(context: context).run()
        case "storm": lines = try StormBench(context: context).run()
        case "startup": lines = try StartupBench(context: context).run()
        case "pty": lines = try PtyBench(context: context).run()
        case "report": lines = try ReportBench(context: context).run()
        case "load": lines = try LoadBench(context: context).run()
        default: lines = try GrowthBench(context: context).run()
        }
        print("")
        lines.forEach { print($0) }
        print("  [\(name): \(Format.number(Date().timeIntervalSince(benchStarted), decimals: 1)) s]")
        fflush(nil)
    }
    print("\nwall time \(Format.number(Date().timeIntervalSince(started), decimals: 1)) s")
} catch {
    FileHandle.standardError.write(Data("warroom-bench: \(error)\n".utf8))
    exit(1)
}
