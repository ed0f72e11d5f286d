import Foundation

/// Keeps a throwaway database alive with a simulated outage: `seed()` writes
/// an ongoing SEV2 with alerts, checks, tasks and log history; each `tick()`
/// streams log lines, now and then fires or resolves an alert, flaps the
/// "load lb-1" check, and every few ticks "maria" or "kenji" (each with her or
/// his own store handle) says something, sometimes to the watching user.
/// `start` ticks from a background queue; a failing tick is kept in
/// `lastError`, never thrown. Same seed, same demo.
public final class DemoSimulator: @unchecked Sendable {
    /// The simulated people, who chat under their own names.
    public static let users = ["maria", "kenji"]

    public let path: String
    /// Who the simulated people mention as "@name": the OS login.
    public let me: String

    private let feed: WarRoomStore
    private let maria: WarRoomStore
    private let kenji: WarRoomStore
    private let queue = DispatchQueue(label: "warroom.demo", qos: .utility)
    private let lock = NSLock()
    // Guarded by `lock`.
    private var rng: SeededGenerator
    private var ticks = 0
    private var nextChatTick = 2
    private var chatIndex = 0
    private var firingFlickers: Set<String> = []
    private var seededIncidentID: Int64?
    private var error: String?
    private var timer: DispatchSourceTimer?

    public init(path: String, seed: UInt64 = 0x5752_4F4F_4D21, me: String = Author.current) throws {
        self.path = path
        self.me = me
        rng = SeededGenerator(seed: seed)
        feed = try WarRoomStore(path: path, author: "collector")
        maria = try WarRoomStore(path: path, author: "maria")
        kenji = try WarRoomStore(path: path, author: "kenji")
    }

    deinit { timer?.cancel() }

    /// A fresh database path in a new temporary directory.
    public static func makeTemporaryPath() throws -> String {
        let dir = NSTemporaryDirectory() + "warroom-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/warroom.db"
    }

    /// The incident `seed()` declared.
    public var incidentID: Int64? { locked { seededIncidentID } }

    /// The message of the last tick that failed, if any did.
    public var lastError: String? { locked { error } }

    /// Writes the outage as it stands when the demo opens. Once only.
    public func seed() throws {
        try locked {
            guard seededIncidentID == nil else { throw WarRoomError.invalid("the demo is already seeded") }
            let now = Date()
            var history: [LogRecord] = []
            for i in 0..<150 {
                history.append(DemoScript.logRecord(&rng, at: now.addingTimeInterval(Double(i - 150) * 6)))
            }
            history.append(LogRecord(source: "postgres", at: now.addingTimeInterval(-2), level: .critical,
                                     text: "[23817] FATAL:  sorry, too many clients already"))
            let pinnedLine = try feed.ingest(history)

            let pastStart = now.addingTimeInterval(-50 * 60), pastEnd = now.addingTimeInterval(-35 * 60)
            try feed.recordAlerts(DemoScript.pastAlerts.map { $0.observation(.firing, startsAt: pastStart) })
            try feed.recordAlerts(DemoScript.pastAlerts.map { $0.observation(.resolved, startsAt: pastStart, endsAt: pastEnd) })
            try feed.recordChecks(DemoScript.checks(at: now.addingTimeInterval(-60)))
            try feed.recordAlerts(DemoScript.standingAlerts.map { $0.observation(.firing, startsAt: now.addingTimeInterval(-20 * 60)) })

            let id = try maria.declare(title: DemoScript.title, severity: .sev2, impact: DemoScript.impact).id
            try maria.post(.chat, text: "declaring, checkout 5xx since ~14:05; I'm IC", incidentID: id)
            try kenji.post(.chat, text: "here, I'll scribe", incidentID: id)
            try maria.assign(incidentID: id, role: .scribe, user: "kenji")
            try maria.ackAlert(id: try maria.findAlert("CheckoutHighErrorRate").id, incidentID: id)
            let pool = try kenji.addTask(incidentID: id, text: "Check pgbouncer pool saturation on db-1")
            try kenji.completeTask(pool.id)
            try maria.addTask(incidentID: id, text: "Pause the orders-reconcile cronjob")
            try maria.addTask(incidentID: id, text: "Roll back api to v41 if 5xx stays above 5%")
            try kenji.pinLogLine(pinnedLine, incidentID: id)
            try maria.update(incidentID: id, message: DemoScript.firstUpdate)
            seededIncidentID = id
        }
    }

    /// One step of the simulation.
    public func tick() throws {
        try locked {
            ticks += 1
            let now = Date()
            let count = Int.random(in: 1...4, using: &rng)
            let lines = (0..<count).map { DemoScript.logRecord(&rng, at: now.addingTimeInterval(Double($0) * 0.05)) }
            try feed.ingest(lines)

            var checks = [DemoScript.loadCheck(warning: (ticks / 3) % 2 == 1, at: now)]
            if ticks % 5 == 0 { checks = DemoScript.checks(at: now).filter { $0.name != DemoScript.flappingCheck } + checks }
            try feed.recordChecks(checks)

            if rng.chance(0.12), let spec = DemoScript.flickeringAlerts.randomElement(using: &rng) {
                let firing = firingFlickers.contains(spec.name)
                let start = now.addingTimeInterval(-Double(Int.random(in: 30...300, using: &rng)))
                try feed.recordAlerts([spec.observation(firing ? .resolved : .firing, startsAt: start, endsAt: firing ? now : nil)])
                if firing { firingFlickers.remove(spec.name) } else { firingFlickers.insert(spec.name) }
            }

            if ticks >= nextChatTick {
                let line = DemoScript.conversation[chatIndex % DemoScript.conversation.count]
                chatIndex += 1
                nextChatTick = ticks + Int.random(in: 3...6, using: &rng)
                try person(line.user).post(.chat, text: line.text.replacingOccurrences(of: "{me}", with: me),
                                           incidentID: seededIncidentID)
            }
        }
    }

    /// Ticks every `interval` seconds from a background queue until `stop()`.
    public func start(interval: TimeInterval = 0.7) {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.setEventHandler { @Sendable [weak self] in self?.timerFired() }
        source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        let previous: DispatchSourceTimer? = locked {
            defer { timer = source }
            return timer
        }
        previous?.cancel()
        source.resume()
    }

    public func stop() {
        let current: DispatchSourceTimer? = locked {
            defer { timer = nil }
            return timer
        }
        current?.cancel()
    }

    private func timerFired() {
        do {
            try tick()
        } catch {
            let message = String(describing: error)
            locked { self.error = message }
        }
    }

    private func person(_ user: String) -> WarRoomStore { user == "maria" ? maria : kenji }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
