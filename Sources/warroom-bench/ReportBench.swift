/// Issue #7, item 6: `warroom report --since 365d` over a year of history
/// (1,000 incidents, 100,000 events), goal ≤ 1 s, and the same at 10×.
///
/// NOT IMPLEMENTED YET: the report command is being written separately.
/// When it exists, build the year here (HistoryDatabase.build already
/// spreads incidents over the past year through the store; add the events),
/// time `ChildProcess.run(context.warroom, ["report", "--since", "365d",
/// "--db", db])` over `context.runs` runs, print `Format.row`s (with the
/// 10× figure `against:` the 1× one), and replace the line below.
struct ReportBench {
    let context: BenchContext

    func run() throws -> [String] {
        ["Report: `warroom report --since 365d` over a year of history (goal ≤ 1 s)",
         "  not measured yet: the report command does not exist (see ReportBench.swift)"]
    }
}
