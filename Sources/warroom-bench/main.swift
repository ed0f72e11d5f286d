import Foundation

// warroom-bench [--quick] [ingest] [chat] [propagation] [frame]
// Prints figures (medians of 5 runs with min and max, and ratios against a
// reference measured in the same run). It passes or fails nothing.
let args = Array(CommandLine.arguments.dropFirst())

if args.first == "--chat-writer", args.count == 4, let count = Int(args[2]), let id = Int(args[3]) {
    do { try ChatLatencyBench.writer(db: args[1], count: count, id: id) } catch {
        FileHandle.standardError.write(Data("writer: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if args.first == "--propagation-writer", args.count == 3, let count = Int(args[2]) {
    do { try PropagationBench.writer(db: args[1], count: count) } catch {
        FileHandle.standardError.write(Data("writer: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

let quick = args.contains("--quick")
let selected = Set(args.filter { !$0.hasPrefix("--") })
let all = ["ingest", "chat", "propagation", "frame"]
if let unknown = selected.subtracting(all).first {
    FileHandle.standardError.write(Data("warroom-bench: unknown benchmark \(unknown); choose from \(all.joined(separator: ", "))\n".utf8))
    exit(2)
}

do {
    let context = try BenchContext(quick: quick)
    defer { context.cleanUp() }
    print("warroom-bench \(quick ? "(quick) " : "")on \(ProcessInfo.processInfo.hostName), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
    for name in all where selected.isEmpty || selected.contains(name) {
        let lines: [String]
        switch name {
        case "ingest": lines = try IngestBench(context: context).run()
        case "chat": lines = try ChatLatencyBench(context: context).run()
        case "propagation": lines = try PropagationBench(context: context).run()
        default: lines = try FrameBench(context: context).run()
        }
        print("")
        lines.forEach { print($0) }
    }
} catch {
    FileHandle.standardError.write(Data("warroom-bench: \(error)\n".utf8))
    exit(1)
}
