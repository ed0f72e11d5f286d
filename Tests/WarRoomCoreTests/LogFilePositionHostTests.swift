import Foundation
import Testing
import WarRoomTestSupport
@testable import WarRoomCore

/// With the war room on PostgreSQL the collector lease can move to another
/// bastion, whose file of the same name is another file: a position is
/// resumed only on the machine that read it.
@Suite("Log file positions and the machine that read them")
struct LogFilePositionHostTests {
    /// Stores `position` for collector "app" as the lease holder would.
    func store(_ position: LogFilePosition, in store: WarRoomStore, clock: TestClock) throws {
        #expect(try store.acquireCollectorLease(holder: "other", ttl: 30))
        var observations = Observations()
        observations.position = position
        let run = WarRoomStore.CollectorRun(name: "app", kind: "logfile", interval: 1, startedAt: clock.now, error: nil, nextRunAt: nil)
        try store.recordCollection(observations, run: run, holder: "other")
        try store.releaseCollectorLease(holder: "other")
    }

    func collector(_ file: LogFileCollectorTests.LogFile, _ store: WarRoomStore) -> LogFileCollector {
        LogFileCollector(name: "app", path: file.path, resumeFrom: { try store.logFilePosition(collector: "app") })
    }

    func identity(_ path: String) -> (UInt64, UInt64) {
        var st = stat()
        stat(path, &st)
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    @Test("a position read on another machine is not resumed: this machine's file is followed from its end, and it says so",
          arguments: TestBackend.allCases)
    func anotherMachine(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        let file = LogFileCollectorTests.LogFile()
        try file.append("one\ntwo\nthree\n")
        // Even the same device and inode: on another machine they mean nothing.
        let (device, inode) = identity(file.path)
        try self.store(LogFilePosition(device: device, inode: inode, offset: 0, host: "bastion-eu-1"), in: store, clock: clock)
        #expect(try store.logFilePosition(collector: "app")?.host == "bastion-eu-1")

        let c = collector(file, store)
        let first = try c.poll()
        #expect(first.logs.isEmpty, "nothing of this machine's file before it took over: \(first.logs.map(\.text))")
        #expect(first.problems.contains { $0.contains("was read on bastion-eu-1") && $0.contains("followed from its end") },
                "\(first.problems)")
        try file.append("four\n")
        let next = try c.poll()
        #expect(next.logs.map(\.text) == ["four"])
        #expect(next.position?.host == MachineName.current)
        #expect(next.problems.isEmpty)
    }

    @Test("a position read on this machine (or stored before the machine was recorded) is resumed",
          arguments: TestBackend.allCases)
    func thisMachine(_ backend: TestBackend) throws {
        let db = try TempDatabase(backend), clock = TestClock()
        let store = try db.store(clock: clock)
        for host in [MachineName.current, ""] {
            let file = LogFileCollectorTests.LogFile()
            try file.append("one\ntwo\nthree\n")
            let (device, inode) = identity(file.path)
            try self.store(LogFilePosition(device: device, inode: inode, offset: 4, host: host), in: store, clock: clock)
            let polled = try collector(file, store).poll()
            #expect(polled.logs.map(\.text) == ["two", "three"], "host \(host.isEmpty ? "unknown" : host)")
            #expect(polled.problems.isEmpty)
        }
    }
}
