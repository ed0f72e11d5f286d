import Foundation
import WarRoomCore
import WarRoomTUI

/// An alert storm: 20,000 firing alerts in 50 groups (2,000 with --quick),
/// each group's hosts summarised on its row. Measures what the storm costs
/// the war room: regrouping on a reload of the alerts (every collector poll
/// that changes one), open + load + first frame, and whole 200×60 frames
/// with the alert pane focused and the largest group open.
struct StormBench {
    let context: BenchContext

    var alerts: Int { context.quick ? 2_000 : 20_000 }
    static let groups = 50

    func run() throws -> [String] {
        let path = context.freshDatabase("storm.db")
        let build = DispatchTime.now().uptimeNanoseconds
        let store = try WarRoomStore(path: path, author: "bench")
        let now = Date()
        var batch: [AlertObservation] = []
        for i in 0..<alerts {
            let group = i % Self.groups
            batch.append(AlertObservation(
                source: "alertmanager", name: "Storm\(group)", severity: ["critical", "warning", "info"][group % 3], state: .firing,
                summary: "host-\(i) does not answer", labels: ["alertname": "Storm\(group)", "instance": "host-\(i)", "job": "node"],
                annotations: ["summary": "host-\(i) does not answer", "runbook_url": "https://runbooks.example/storm"],
                startsAt: now.addingTimeInterval(-Double(i % 3600))))
            if batch.count == 2_000 { try store.recordAlerts(batch); batch.removeAll(keepingCapacity: true) }
        }
        try store.recordAlerts(batch)
        let built = Double(DispatchTime.now().uptimeNanoseconds - build) / 1e9

        // The reload's two halves: reading the firing alerts, grouping them.
        var reads: [Double] = [], groupings: [Double] = []
        let reader = try WarRoomStore(path: path, mode: .readOnly)
        for _ in 0..<context.runs {
            let r0 = DispatchTime.now().uptimeNanoseconds
            let feed = try reader.groupableFeed(resolvedSince: now, resolvedLimit: 2_000)
            let r1 = DispatchTime.now().uptimeNanoseconds
            _ = AlertGrouping.standard.groups(feed.firing, now: now)
            let r2 = DispatchTime.now().uptimeNanoseconds
            reads.append(Double(r1 - r0) / 1e6)
            groupings.append(Double(r2 - r1) / 1e6)
        }
        var reloads: [Double] = [], firsts: [Double] = [], p50s: [Double] = [], p99s: [Double] = []
        for _ in 0..<context.runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let data = WarRoomData(store: try WarRoomStore(path: path, mode: .readOnly))
            try data.loadAll()
            let screen = WarRoomScreen(data: data, me: "bench")
            _ = screen.compose(width: 200, height: 60)
            firsts.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            for _ in 0..<3 {
                let r0 = DispatchTime.now().uptimeNanoseconds
                try data.reload([.alerts])
                reloads.append(Double(DispatchTime.now().uptimeNanoseconds - r0) / 1e6)
            }
            // The alert pane focused, the first (largest, worst) group open.
            screen.handle(.char("2"))
            screen.handle(.right)
            let s = FrameBench.composeTimes(screen)
            p50s.append(s.percentile(50))
            p99s.append(s.percentile(99))
        }
        return ["Storm: \(Format.number(Double(alerts))) firing alerts in \(Self.groups) groups (built in \(Format.number(built, decimals: 1)) s)",
                Format.row("  read every firing alert", Summary(reads), unit: "ms", decimals: 1),
                Format.row("  group them", Summary(groupings), unit: "ms", decimals: 1),
                Format.row("  reload + regroup the alerts", Summary(reloads), unit: "ms", decimals: 1),
                Format.row("  open + load + first frame (goal ≤ 200 ms)", Summary(firsts), unit: "ms", decimals: 1),
                Format.row("  compose a whole frame p50, a group open", Summary(p50s), unit: "ms", decimals: 2),
                Format.row("  compose a whole frame p99 (goal ≤ 5 ms)", Summary(p99s), unit: "ms", decimals: 2)]
    }
}
