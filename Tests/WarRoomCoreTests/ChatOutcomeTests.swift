import Foundation
import Testing
@testable import WarRoomCore

/// What a typed line tells the screen to do next, so the screen never reads
/// the text again to guess it.
@Suite("What a chat line's outcome tells the screen")
struct ChatOutcomeTests {
    @Test("/declare selects the new incident; :report opens a view and writes nothing; chat and other commands stay")
    func next() throws {
        let room = try SlashCommandTests.Room()
        let declared = try room.runner.perform("/declare Payments down sev1", context: room.here)
        let id = try #require(declared.incidentID)
        #expect(declared.next == .select(incidentID: id) && id != room.incidentID)
        let before = try room.store.timeline().count
        #expect(try room.runner.perform(":report 30d", context: room.here).next == .open(.report(seconds: 30 * 86_400)))
        #expect(try room.store.timeline().count == before, "a view writes nothing")
        #expect(try room.runner.perform("  hello  ", context: room.here) == .init(message: "", incidentID: room.incidentID))
        #expect(try room.store.timeline(kinds: [.chat]).last?.body == "hello")
        #expect(try room.runner.perform(" :sev 1", context: room.here).next == .stay, "a leading space makes it chat")
        #expect(try room.runner.perform("/status identified", context: room.here).next == .stay)
        #expect(throws: WarRoomError.self) { try room.runner.perform(":sev 1", context: room.here) }
    }

    @Test("/link without an alert on a group row links every member; /unlink without one is refused")
    func groupChoice() throws {
        let room = try SlashCommandTests.Room()
        let ids = try room.store.alerts().map(\.id)
        var context = room.here
        context.selectedGroup = .init(title: "job=api", alertIDs: ids)
        let linked = try room.runner.perform("/link", context: context)
        #expect(linked.message == "linked 2 alerts of job=api to #\(room.incidentID)")
        #expect(try room.store.linkedAlerts(incidentID: room.incidentID).count == 2)
        #expect(throws: WarRoomError.self) { try room.runner.perform("/unlink", context: context) }
    }
}
