import Foundation
import Testing
@testable import WarRoomCore

@Suite("Slash commands in the chat box")
struct SlashCommandTests {
    /// A store with one SEV3 incident, two firing alerts and a log line.
    struct Room {
        let db = TempDatabase()
        let store: WarRoomStore
        let runner: ChatCommandRunner
        let incidentID: Int64
        let logLineID: Int64

        init() throws {
            store = try db.store()
            runner = ChatCommandRunner(store: store)
            incidentID = try store.declare(title: "Checkout 5xx", severity: .sev3).id
            let start = Date(timeIntervalSince1970: 1_795_934_000)
            try store.recordAlerts(["HighErrorRate", "DiskFull"].map {
                AlertObservation(source: "alertmanager", name: $0, severity: "critical", state: .firing,
                                 summary: "\($0) is bad", labels: ["alertname": $0, "job": "api"], startsAt: start)
            })
            logLineID = try store.ingest([LogRecord(source: "api", at: start, level: .error, text: "boom")])
        }

        var here: ChatContext { ChatContext(incidentID: incidentID) }

        func run(_ line: String, _ context: ChatContext? = nil) throws -> String {
            try runner.run(line, context: context ?? here)
        }

        func incident() throws -> Incident { try #require(try store.incident(incidentID)) }

        func lastEvents(_ n: Int) throws -> [TimelineEvent] { Array(try store.timeline().suffix(n)) }

        func alert(_ name: String) throws -> Alert { try store.findAlert(name) }
    }

    @Test("parse: plain chat is nil, // is chat without the first slash, arguments are read")
    func parsing() throws {
        #expect(try SlashCommand.parse("rolling back api") == nil)
        #expect(try SlashCommand.parse("//etc/hosts looks fine") == .chat("/etc/hosts looks fine"))
        #expect(try SlashCommand.parse("/declare Checkout down sev1") == .declare(title: "Checkout down", severity: .sev1))
        #expect(try SlashCommand.parse("/declare Outage of S3") == .declare(title: "Outage of S3", severity: .sev3))
        #expect(try SlashCommand.parse("/declare DB slow SEV4") == .declare(title: "DB slow", severity: .sev4))
        #expect(try SlashCommand.parse("/SEV sev2") == .severity(.sev2))
        #expect(try SlashCommand.parse("/status mon") == .status(.monitoring))
        #expect(try SlashCommand.parse("/assign ic @bob") == .assign(role: .commander, user: "bob"))
        #expect(try SlashCommand.parse("/ack #12") == .ack(alert: "#12"))
        #expect(try SlashCommand.parse("/done #7") == .done(taskID: 7))
        #expect(try SlashCommand.parse("/resolve") == .resolve(message: nil))
        #expect(try SlashCommand.parse("  /update  back to normal ") == .update("back to normal"))
        #expect(throws: WarRoomError.invalid("/sev: \"9\" is not a severity (SEV1, SEV2, SEV3 or SEV4); usage: /sev N")) {
            try SlashCommand.parse("/sev 9")
        }
        #expect(throws: WarRoomError.invalid("/task: the text must be a single line; usage: /task TEXT")) {
            try SlashCommand.parse("/task one\ntwo")
        }
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/declare Outage sev9") }
        #expect(throws: WarRoomError.self) { try SlashCommand.parse("/") }
    }

    @Test("plain chat and // lines are chat on the selected incident, not recorded as commands")
    func chat() throws {
        let room = try Room()
        #expect(try room.run("anyone on the db?") == "")
        #expect(try room.run("//tmp is full") == "")
        #expect(try room.run("war room wide", ChatContext()) == "")
        let chats = try room.store.timeline(kinds: [.chat])
        #expect(chats.map(\.body) == ["anyone on the db?", "/tmp is full", "war room wide"])
        #expect(chats.map(\.incidentID) == [room.incidentID, room.incidentID, nil])
        #expect(try room.store.timeline(kinds: [.commandRun]).isEmpty)
    }

    @Test("/declare opens an incident, SEV3 by default, commanded by whoever typed it")
    func declare() throws {
        let room = try Room()
        let next = room.incidentID + 1
        #expect(try room.run("/declare Payments down sev2", ChatContext()) == "#\(next) declared (SEV2)")
        #expect(try room.run("/declare Search slow", ChatContext()) == "#\(next + 1) declared (SEV3)")
        let i = try #require(try room.store.incident(next))
        #expect(i.title == "Payments down" && i.severity == .sev2 && i.commander == "alice")
        let events = try room.store.timeline(incidentID: next)
        #expect(events.map(\.kind) == [.declared])
        #expect(events[0].body == "Payments down" && events[0].author == "alice")
    }

    @Test("/sev, /status and /assign change the incident; a no-op is said and not recorded")
    func incidentFields() throws {
        let room = try Room()
        #expect(try room.run("/sev 2") == "severity SEV3 → SEV2")
        #expect(try room.run("/status identified") == "status → identified")
        #expect(try room.run("/assign scribe carol") == "scribe → carol")
        let i = try room.incident()
        #expect(i.severity == .sev2 && i.status == .identified && i.scribe == "carol")
        #expect(try room.lastEvents(3).map(\.kind) == [.severityChanged, .statusChanged, .roleAssigned])
        let before = try room.store.latestEventID()
        #expect(try room.run("/sev sev2") == "#\(room.incidentID) is already SEV2")
        #expect(try room.store.latestEventID() == before)
    }

    @Test("/update, /task, /done, /note and /resolve write what they say")
    func timelineCommands() throws {
        let room = try Room()
        #expect(try room.run("/update Rolled back to v41") == "update posted to #\(room.incidentID)")
        #expect(try room.incident().lastUpdateAt != nil)
        let reply = try room.run("/task page the DBA")
        let task = try #require(try room.store.tasks(incidentID: room.incidentID).first)
        #expect(reply == "task #\(task.id) added" && task.text == "page the DBA")
        #expect(try room.run("/done \(task.id)", ChatContext()) == "task #\(task.id) done")
        #expect(try room.store.tasks(incidentID: room.incidentID).first?.doneBy == "alice")
        #expect(try room.run("/note db-1 failover took 40 s") == "note added")
        #expect(try room.run("/resolve error rate normal") == "#\(room.incidentID) resolved")
        #expect(try room.incident().status == .resolved)
        let kinds = try room.store.timeline(incidentID: room.incidentID).map(\.kind)
        #expect(kinds == [.declared, .statusUpdate, .taskAdded, .taskDone, .note, .resolved, .statusUpdate])
    }

    @Test("/ack by number, #number or name links the alert to the selected incident")
    func ack() throws {
        let room = try Room()
        let disk = try room.alert("DiskFull")
        #expect(try room.run("/ack #\(disk.id)") == "acked alert #\(disk.id) DiskFull")
        #expect(try room.alert("DiskFull").ackedBy == "alice")
        #expect(try room.alert("DiskFull").incidentID == room.incidentID)
        #expect(try room.run("/ack HighErrorRate", ChatContext()) == "acked alert #\(disk.id - 1) HighErrorRate")
        #expect(try room.alert("HighErrorRate").incidentID == nil)
        #expect(try room.store.timeline(kinds: [.alertAcked]).count == 2)
    }

    @Test("/pin pins the selected alert, else the selected log line")
    func pin() throws {
        let room = try Room()
        let alert = try room.alert("HighErrorRate")
        let both = ChatContext(incidentID: room.incidentID, selectedAlertID: alert.id, selectedLogLineID: room.logLineID)
        #expect(try room.run("/pin", both) == "pinned alert #\(alert.id) to #\(room.incidentID)")
        #expect(try room.alert("HighErrorRate").incidentID == room.incidentID)
        let line = ChatContext(incidentID: room.incidentID, selectedLogLineID: room.logLineID)
        #expect(try room.run("/pin", line) == "pinned log line #\(room.logLineID) to #\(room.incidentID)")
        let events = try room.lastEvents(2)
        #expect(events.map(\.kind) == [.note, .logPinned])
        #expect(events[1].body == "boom")
    }

    @Test("/help answers in one line and writes nothing")
    func help() throws {
        let room = try Room()
        let counts = try room.store.rowCounts()
        let text = try room.run("/help")
        #expect(text.contains("/declare") && text.contains("/resolve") && !text.contains("\n"))
        #expect(try room.store.rowCounts() == counts)
    }

    @Test("malformed commands throw and write nothing", arguments: [
        "/sev 9", "/sev", "/status fixed", "/assign boss bob", "/assign commander", "/assign scribe bad*name",
        "/done abc", "/done 999", "/declare", "/declare sev2", "/frobnicate", "/update", "/update   ", "/task",
        "/note", "/ack nothing", "/ack", "/pin", "/pin now", "/help me", "/task one\ntwo", "/declare one\ntwo sev1",
    ])
    func malformed(line: String) throws {
        let room = try Room()
        try expectRefused(room, line, room.here)
    }

    @Test("incident commands without a selected incident throw and write nothing", arguments: [
        "/sev 1", "/status monitoring", "/assign scribe bob", "/update all good", "/task look", "/resolve", "/pin",
    ])
    func noIncident(line: String) throws {
        let room = try Room()
        let selectedButNoIncident = ChatContext(selectedAlertID: 1, selectedLogLineID: room.logLineID)
        let error = try expectRefused(room, line, selectedButNoIncident)
        #expect(error.description.hasPrefix("no incident selected: "))
    }

    @Test("refused by the store: already acked, already resolved, a done task")
    func refusedByStore() throws {
        let room = try Room()
        _ = try room.run("/ack DiskFull")
        try expectRefused(room, "/ack DiskFull", room.here)
        let task = try room.store.addTask(incidentID: room.incidentID, text: "x")
        try room.store.completeTask(task.id)
        try expectRefused(room, "/done \(task.id)", room.here)
        _ = try room.run("/resolve")
        try expectRefused(room, "/resolve again", room.here)
        try expectRefused(room, "/sev 1", ChatContext(incidentID: 404))
    }

    @discardableResult
    private func expectRefused(_ room: Room, _ line: String, _ context: ChatContext,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> WarRoomError {
        let counts = try room.store.rowCounts()
        let timeline = try room.store.timeline()
        let incident = try room.incident()
        let error = #expect(throws: WarRoomError.self, "\(line)", sourceLocation: sourceLocation) {
            try room.runner.run(line, context: context)
        }
        #expect(try room.store.rowCounts() == counts, "\(line)", sourceLocation: sourceLocation)
        #expect(try room.store.timeline() == timeline, "\(line)", sourceLocation: sourceLocation)
        #expect(try room.incident() == incident, "\(line)", sourceLocation: sourceLocation)
        return try #require(error, sourceLocation: sourceLocation)
    }
}
