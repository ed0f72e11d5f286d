import Foundation
import Testing
@testable import WarRoomCore

/// Thousands of seeded mutations of the captured payloads through every
/// parser that reads input from outside. Each must give a value or a clear
/// error, never crash, and never take long.
@Suite("Parsers under fuzzing")
struct ParserFuzzTests {
    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(path)"))
    }

    /// Runs `body` on `count` mutated inputs; returns how many were accepted.
    static func fuzz(seed: UInt64, count: Int, corpus: [Data], _ body: ([UInt8]) -> Bool) -> (accepted: Int, slowest: TimeInterval) {
        var mutator = Mutator(seed: seed, corpus: corpus)
        var accepted = 0
        var slowest: TimeInterval = 0
        for _ in 0..<count {
            let input = mutator.next()
            let started = Date()
            if body(input) { accepted += 1 }
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        return (accepted, slowest)
    }

    @Test("Alertmanager v2 alerts, alert groups and silences: 3,000 mutations each")
    func alertmanagerAPI() throws {
        let corpus = try ["alertmanager/alertmanager_alerts_v2.json", "alertmanager/alertmanager_alert_groups_v2.json",
                          "alertmanager/alertmanager_silences_v2.json"].map(Self.fixture)
        var errors = Set<String>()
        let run = Self.fuzz(seed: 1, count: 3000, corpus: corpus) { bytes in
            do {
                let decoded = try AlertmanagerPayload.alerts(fromAPI: Data(bytes), source: "am", now: Date())
                for a in decoded.alerts { _ = (a.fingerprint, a.name, a.summary) }
                _ = try? AlertmanagerPayload.silences(Data(bytes))
                return true
            } catch let error as WarRoomError {
                errors.insert(String(error.description.prefix(40)))
                if !error.description.hasPrefix("Alertmanager") { Issue.record("unclear error: \(error)") }
                return false
            } catch {
                Issue.record("not a WarRoomError: \(error)")
                return false
            }
        }
        #expect(run.accepted > 100 && run.accepted < 3000, "both roads taken: \(run.accepted) accepted")
        #expect(run.slowest < 2, "slowest input took \(run.slowest) s")
        #expect(!errors.isEmpty)
    }

    @Test("Alertmanager webhook deliveries: 3,000 mutations")
    func alertmanagerWebhook() throws {
        let corpus = try ["alertmanager/alertmanager_webhook.json", "alertmanager/alertmanager_webhook_resolved.json",
                          "alertmanager/alertmanager_webhook_from_prometheus.json"].map(Self.fixture)
        let run = Self.fuzz(seed: 2, count: 3000, corpus: corpus) { bytes in
            do {
                let d = try AlertmanagerPayload.webhook(Data(bytes), source: "hook")
                return d.decoded.alerts.allSatisfy { !$0.fingerprint.isEmpty }
            } catch let error as WarRoomError {
                if !error.description.hasPrefix("Alertmanager webhook") { Issue.record("unclear error: \(error)") }
                return false
            } catch {
                Issue.record("not a WarRoomError: \(error)")
                return false
            }
        }
        #expect(run.accepted > 100 && run.accepted < 3000, "\(run.accepted) accepted")
        #expect(run.slowest < 2)
    }

    @Test("Nagios output and perfdata: 5,000 mutations of real plugin output")
    func nagios() throws {
        let text = String(decoding: try Self.fixture("nagios/monitoring-plugins-2.3.3.txt"), as: UTF8.self)
        let outputs = text.components(separatedBy: "\n$ ").map { Data($0.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n").utf8) }
        var problems = 0
        let run = Self.fuzz(seed: 3, count: 5000, corpus: outputs) { bytes in
            let parsed = NagiosOutput.parse(String(decoding: bytes, as: UTF8.self))
            problems += parsed.problems.count
            for p in parsed.perfdata { _ = (p.label, p.value, p.unit) }
            return parsed.problems.isEmpty
        }
        #expect(run.accepted > 1000 && problems > 0, "\(run.accepted) clean, \(problems) problems reported")
        #expect(run.slowest < 2)
    }

    @Test("exec JSON lines: 5,000 mutated lines")
    func execLines() throws {
        let lines = [#"{"kind":"alert","name":"DiskFull","severity":"critical","summary":"/ at 99%","labels":{"host":"db-1"},"starts_at":"2026-11-29T06:11:25Z"}"#,
                     #"{"kind":"log","text":"disk almost full","level":"warning","at":1795932685}"#,
                     #"{"kind":"event","text":"failover started","incident":7}"#,
                     #"{"kind":"check","name":"replication","state":"CRITICAL","output":"lag 900s","perfdata":"lag=900s;60;300"}"#].map { Data($0.utf8) }
        var observations = Observations()
        var problems = 0
        let run = Self.fuzz(seed: 4, count: 5000, corpus: lines) { bytes in
            if let problem = ExecLine.decode(Data(bytes), number: 1, collector: "x", now: Date(), into: &observations) {
                problems += 1
                if !problem.hasPrefix("line 1: ") { Issue.record("unclear problem: \(problem)") }
                return false
            }
            return true
        }
        #expect(run.accepted > 200 && problems > 200, "\(run.accepted) accepted, \(problems) reported")
        #expect(run.slowest < 2)
    }

    @Test("the config file: 1,500 mutated YAML documents")
    func config() throws {
        let corpus = [Data(ConfigTests.full.utf8), Data("heartbeat: 2s\ncollectors:\n  - {name: a, type: exec, command: [x]}\n".utf8)]
        var seenProblems = 0
        let run = Self.fuzz(seed: 5, count: 1500, corpus: corpus) { bytes in
            let c = WarRoomConfig.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
            seenProblems += c.problems.count
            for p in c.problems where !p.description.hasPrefix("fuzz.yaml") { Issue.record("problem without its file: \(p)") }
            return c.problems.isEmpty
        }
        #expect(run.accepted > 50 && seenProblems > 100, "\(run.accepted) clean, \(seenProblems) problems")
        #expect(run.slowest < 2)
    }
}
