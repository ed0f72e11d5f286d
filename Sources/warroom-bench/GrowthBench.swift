import Foundation

/// How cost grows with history: the frame and startup figures on a
/// database ten times as big (10,000,000 log lines, 100,000 alerts, 100,000
/// incidents; a twentieth with --quick), each as a ratio to the same figure at
/// 1× measured earlier in the same run.
struct GrowthBench {
    let context: BenchContext

    func run() throws -> [String] {
        let frame = FrameBench(context: context), startup = StartupBench(context: context)
        // 1× first (reused when the frame and startup benches ran already).
        let frame1 = try frame.figures(scale: 1), startup1 = try startup.figures(scale: 1)
        let small = try context.history.database(scale: 1, context: context)
        let big = try context.history.database(scale: 10, context: context)
        var report = ["Growth: 10× history (\(big.contents); built through the store in \(Format.number(big.buildSeconds, decimals: 1)) s, "
                      + "1× in \(Format.number(small.buildSeconds, decimals: 1)) s)"]
        report += FrameBench.rows(try frame.figures(scale: 10), against: frame1)
        report += StartupBench.rows(try startup.figures(scale: 10), against: startup1)
        return report
    }
}
