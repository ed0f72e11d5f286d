import Foundation
import WarRoomCore
import WarRoomTUI

/// Composing a whole 200×60 war-room frame while the file holds 10,000
/// alerts and 1,000,000 log lines (100,000 each with --quick), and loading
/// the screen's data from such a file (the work before a first frame).
struct FrameBench {
    let context: BenchContext

    func run() throws -> [String] {
        let logLines = context.quick ? 100_000 : 1_000_000
        let alertCount = context.quick ? 1_000 : 10_000
        let db = context.freshDatabase("frame.db")
        let store = try WarRoomStore(path: db)
        try store.setLogRetention(logLines * 2)
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        var batch: [LogRecord] = []
        for i in 0..<logLines {
            batch.append(LogRecord(source: ["api", "nginx", "postgres"][i % 3], at: t0.addingTimeInterval(Double(i) / 100),
                                   level: i % 17 == 0 ? .error : .info, text: "request \(i) GET /v1/orders 200 \(i % 900)ms"))
            if batch.count == 10_000 { try store.ingest(batch); batch.removeAll(keepingCapacity: true) }
        }
        try store.ingest(batch)
        var alerts: [AlertObservation] = []
        for i in 0..<alertCount {
            alerts.append(AlertObservation(source: "alertmanager", name: "Alert\(i % 300)", severity: ["critical", "warning", "info"][i % 3],
                                           state: .firing, summary: "instance \(i) is unhappy", labels: ["instance": "host-\(i)"],
                                           startsAt: t0))
        }
        try store.recordAlerts(alerts)
        for n in 0..<20 { try store.declare(title: "Incident \(n)", severity: Severity(rawValue: n % 4 + 1)!) }

        var report = ["Frame: 200×60 war room over \(Format.number(Double(alertCount))) alerts and \(Format.number(Double(logLines))) log lines"]
        var loads: [Double] = []
        var frameP50: [Double] = [], frameP99: [Double] = []
        for _ in 0..<context.runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let data = WarRoomData(store: try WarRoomStore(path: db, mode: .readOnly))
            try data.loadAll()
            let screen = WarRoomScreen(data: data, me: "bench")
            _ = screen.compose(width: 200, height: 60)
            loads.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            var frames: [Double] = []
            for _ in 0..<200 {
                let f0 = DispatchTime.now().uptimeNanoseconds
                _ = screen.compose(width: 200, height: 60)
                frames.append(Double(DispatchTime.now().uptimeNanoseconds - f0) / 1e6)
            }
            let s = Summary(frames)
            frameP50.append(s.percentile(50))
            frameP99.append(s.percentile(99))
        }
        report.append(Format.row("  open + load + first frame", Summary(loads), unit: "ms", decimals: 1))
        report.append(Format.row("  compose a whole frame p50", Summary(frameP50), unit: "ms", decimals: 2))
        report.append(Format.row("  compose a whole frame p99 (goal ≤ 5 ms)", Summary(frameP99), unit: "ms", decimals: 2))
        return report
    }
}
