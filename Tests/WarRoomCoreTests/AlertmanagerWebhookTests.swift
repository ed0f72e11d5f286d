import Foundation
import Testing
@testable import WarRoomCore

/// The listener runs on Swift's cooperative threads (FlyingFox is async);
/// these tests do their blocking work on Dispatch threads so that they
/// never hold one of those few threads while the listener needs it.
@Suite(.serialized) struct AlertmanagerWebhookTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/alertmanager/\(name).json"))
    }

    static func post(_ port: Int, _ body: Data, path: String = "/hook") throws -> (Int, String) {
        let r = try HTTPFetch.send("POST", URL(string: "http://127.0.0.1:\(port)\(path)")!, body: body, timeout: 10, what: "the webhook")
        return (r.status, String(decoding: r.body, as: UTF8.self))
    }

    @Test func repeatedDeliveriesAreOneAlertAndTheAnswerWaitsForTheCommit() async throws {
        try await offPool { try Self.repeatedDeliveries() }
    }

    /// A listener on a free port at /hook that records into `store` (which
    /// holds the lease as "h"), unless `FailSwitch.shared` is on.
    static func listener(_ store: WarRoomStore) throws -> (AlertmanagerWebhookCollector, port: Int) {
        let path = store.path
        for _ in 0..<10 {
            let port = Int.random(in: 20_000...60_000)
            let candidate = AlertmanagerWebhookCollector(name: "hook", port: port, path: "/hook")
            let failing = FailSwitch()
            do {
                try candidate.start { observations in
                    if failing.on { throw WarRoomError.databaseUnwritable(path, reason: "the disk is full; nothing was written") }
                    let run = WarRoomStore.CollectorRun(name: "hook", kind: "alertmanager-webhook", interval: 0, startedAt: Date(), error: nil, nextRunAt: nil)
                    try store.recordCollection(observations, run: run, holder: "h")
                }
                FailSwitch.shared = failing
                return (candidate, port)
            } catch {
                continue
            }
        }
        throw WarRoomError.invalid("no free port for the webhook in 10 tries")
    }

    static func repeatedDeliveries() throws {
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
        let (listener, port) = try Self.listener(store)
        defer { listener.stop() }

        let firing = try Self.fixture("alertmanager_webhook")
        #expect(try Self.post(port, firing).0 == 200)
        #expect(try Self.post(port, firing).0 == 200, "a repeated delivery is accepted")
        #expect(try store.alerts().map(\.fingerprint).sorted() == ["9b749279dfe5c636", "beb69e792e2dfd2e"])
        #expect(try store.timeline(kinds: [.alertFired]).count == 2, "the repeat left no second event")

        let (status, body) = try Self.post(port, Data("{\"version\":\"3\",\"alerts\":[]}".utf8))
        #expect(status == 400 && body.contains("payload version \"3\" is not supported"))
        #expect(try Self.post(port, firing, path: "/elsewhere").0 == 404)

        // The database refuses: Alertmanager gets a 500 and will retry.
        FailSwitch.shared?.on = true
        let resolved = try Self.fixture("alertmanager_webhook_resolved")
        let (refused, why) = try Self.post(port, resolved)
        #expect(refused == 500 && why.contains("not stored, send again") && why.contains("disk is full"))
        #expect(try store.alerts(includeResolved: true).count == 2, "nothing of the refused delivery was written")
        FailSwitch.shared?.on = false
        #expect(try Self.post(port, resolved).0 == 200)
        #expect(try store.alerts(includeResolved: true).count == 3)
    }

    @Test("an alert it cannot read refuses the delivery: 400 naming the field, nothing stored")
    func unreadableAlertIsRefused() async throws {
        try await offPool { try Self.unreadableAlert() }
    }

    static func unreadableAlert() throws {
        let db = TempDatabase()
        let store = try db.store()
        #expect(try store.acquireCollectorLease(holder: "h", ttl: 600))
        let (listener, port) = try Self.listener(store)
        defer { listener.stop() }
        let good = #"{"status":"firing","labels":{"alertname":"Good"},"startsAt":"2026-11-29T06:11:25Z","fingerprint":"a1"}"#
        let cases = [
            (#"{"status":"firing","startsAt":"2026-11-29T06:11:25Z","fingerprint":"b2"}"#, "alerts[1]: labels is missing"),
            (#"{"status":"firing","labels":{"alertname":"NoStart"},"fingerprint":"b2"}"#, "alerts[1]: startsAt is missing"),
            (#"{"labels":{"alertname":"NoStatus"},"startsAt":"2026-11-29T06:11:25Z"}"#, "alerts[1]: status is missing"),
            (#"{"status":"firing","labels":{"alertname":7},"startsAt":"2026-11-29T06:11:25Z"}"#, "alerts[1]: labels is not an object of strings"),
        ]
        for (bad, field) in cases {
            let (status, body) = try Self.post(port, Data(#"{"version":"4","alerts":[\#(good),\#(bad)]}"#.utf8))
            #expect(status == 400 && body == "not stored: \(field)\n", "\(status) \(body)")
        }
        #expect(try store.alerts(includeResolved: true).isEmpty, "nothing of a refused delivery is stored, the good alert neither")
        #expect(try store.collectorHealth().isEmpty)
    }

    @Test func aTakenPortIsAClearError() async throws {
        try await offPool { try Self.takenPort() }
    }

    static func takenPort() throws {
        let holder = AlertmanagerWebhookCollector(name: "a", port: Int.random(in: 20_000...60_000))
        try holder.start { _ in }
        defer { holder.stop() }
        let second = AlertmanagerWebhookCollector(name: "b", port: holder.port)
        do {
            try second.start { _ in }
            Issue.record("a second listener started on a taken port")
            second.stop()
        } catch {
            #expect(String(describing: error).hasPrefix("cannot listen on 127.0.0.1:\(holder.port)"), "\(error)")
        }
    }
}

/// Lets a test make the database refuse a delivery.
final class FailSwitch: @unchecked Sendable {
    nonisolated(unsafe) static var shared: FailSwitch?
    private let lock = NSLock()
    private var value = false
    var on: Bool {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}

/// Runs blocking work on a Dispatch thread and waits for it without holding
/// a cooperative thread.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in
        DispatchQueue.global().async {
            done.resume(with: Result { try body() })
        }
    }
}
