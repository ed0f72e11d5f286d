import Foundation
import WarRoomCore
import WarRoomTUI

/// Composing a whole 200×60 war-room frame over the history database
/// (1,000,000 log lines, 10,000 firing alerts, 10,000 incidents; a twentieth
/// with --quick), and loading the screen's data from it (the work before a
/// first frame).
struct FrameBench {
    let context: BenchContext

    struct Figures {
        var load: Summary
        var p50: Summary
        var p99: Summary
    }

    func run() throws -> [String] {
        let history = try context.history.database(scale: 1, context: context)
        let f = try figures(scale: 1)
        return ["Frame: 200×60 war room over \(history.contents)"] + Self.rows(f)
    }

    static func rows(_ f: Figures, against reference: Figures? = nil) -> [String] {
        [Format.row("  open + load + first frame", f.load, unit: "ms", decimals: 1, against: reference?.load),
         Format.row("  compose a whole frame p50", f.p50, unit: "ms", decimals: 2, against: reference?.p50),
         Format.row("  compose a whole frame p99 (goal ≤ 5 ms)", f.p99, unit: "ms", decimals: 2, against: reference?.p99)]
    }

    /// Measured once per scale and bench run.
    func figures(scale: Int) throws -> Figures {
        try context.history.figures("frame-\(scale)") {
            try measure(try context.history.database(scale: scale, context: context))
        }
    }

    private func measure(_ history: HistoryDatabase) throws -> Figures {
        var loads: [Double] = [], frameP50: [Double] = [], frameP99: [Double] = []
        for _ in 0..<context.runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let data = WarRoomData(store: try WarRoomStore(path: history.path, mode: .readOnly))
            try data.loadAll()
            let screen = WarRoomScreen(data: data, me: "bench")
            _ = screen.compose(width: 200, height: 60)
            loads.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            let s = Self.composeTimes(screen)
            frameP50.append(s.percentile(50))
            frameP99.append(s.percentile(99))
        }
        return Figures(load: Summary(loads), p50: Summary(frameP50), p99: Summary(frameP99))
    }

    /// 200 whole frames of `screen` at 200×60, each timed in milliseconds.
    static func composeTimes(_ screen: WarRoomScreen, count: Int = 200) -> Summary {
        var frames: [Double] = []
        for _ in 0..<count {
            let f0 = DispatchTime.now().uptimeNanoseconds
            _ = screen.compose(width: 200, height: 60)
            frames.append(Double(DispatchTime.now().uptimeNanoseconds - f0) / 1e6)
        }
        return Summary(frames)
    }
}
