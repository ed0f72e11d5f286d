import Foundation
import Testing
@testable import WarRoomCore

@Suite("The demo simulator")
struct DemoSimulatorTests {
    @Test("seed: one open SEV2 with alerts, checks, logs, tasks and people")
    func seed() throws {
        let db = TempDatabase()
        let demo = try DemoSimulator(path: db.path, me: "you")
        try demo.seed()
        let store = try db.store()
        let open = try store.openIncidents()
        #expect(open.count == 1)
        let incident = try #require(open.first)
        #expect(incident.id == demo.incidentID)
        #expect(incident.title == "Checkout API returning 5xx" && incident.severity == .sev2)
        #expect(incident.impact != nil && incident.commander == "maria" && incident.scribe == "kenji")
        #expect(incident.lastUpdateAt != nil)
        let tasks = try store.tasks(incidentID: incident.id)
        #expect(tasks.count >= 2 && tasks.filter(\.isDone).count == 1)
        #expect(try store.alerts().count >= 3)
        #expect(try store.alerts(includeResolved: true).contains { $0.state == .resolved })
        #expect(try store.alerts().allSatisfy { $0.source == "alertmanager" && $0.labels["alertname"] == $0.name })
        #expect(try store.checks().map(\.name).contains("load lb-1"))
        #expect(try store.logLineCount() > 100)
        #expect(Set(try store.timeline(kinds: [.chat]).map(\.author)) == ["maria", "kenji"])
        #expect(throws: WarRoomError.self) { try demo.seed() }
    }

    @Test("ten ticks: logs stream, someone talks, load lb-1 flaps")
    func ticks() throws {
        let db = TempDatabase()
        let demo = try DemoSimulator(path: db.path, me: "you")
        try demo.seed()
        let store = try db.store()
        let logs = try store.logLineCount(), lastEvent = try store.latestEventID()
        var loadStates: Set<CheckState> = []
        for _ in 0..<10 {
            try demo.tick()
            loadStates.insert(try #require(try store.checks().first { $0.name == "load lb-1" }).state)
        }
        #expect(try store.logLineCount() >= logs + 10)
        #expect(Set(try store.logLines(afterID: 0, limit: 10_000).map(\.source)) == ["api", "nginx", "postgres"])
        let chats = try store.timeline(afterID: lastEvent, kinds: [.chat])
        #expect(!chats.isEmpty)
        #expect(chats.allSatisfy { ["maria", "kenji"].contains($0.author) && $0.incidentID == demo.incidentID })
        #expect(loadStates == [.ok, .warning])
        #expect(try store.timeline(afterID: lastEvent, kinds: [.checkChanged]).contains { $0.body.hasPrefix("load lb-1") })
        #expect(demo.lastError == nil)
    }

    @Test("the same seed plays the same demo")
    func deterministic() throws {
        func play() throws -> [String] {
            let db = TempDatabase()
            let demo = try DemoSimulator(path: db.path, seed: 42, me: "you")
            try demo.seed()
            for _ in 0..<20 { try demo.tick() }
            let store = try db.store()
            return try store.logLines(limit: 10_000).map(\.text) + store.timeline().map(\.body)
        }
        #expect(try play() == play())
    }

    @Test("start ticks from a background queue until stop")
    func timer() async throws {
        let db = TempDatabase()
        let demo = try DemoSimulator(path: db.path, me: "you")
        try demo.seed()
        let store = try db.store()
        let before = try store.logLineCount()
        demo.start(interval: 0.02)
        var grown = false
        for _ in 0..<200 where !grown {
            try await Task.sleep(for: .milliseconds(10))
            grown = try store.logLineCount() > before
        }
        demo.stop()
        #expect(grown)
        #expect(demo.lastError == nil)
    }
}
