import ArgumentParser
import WarRoomCore

/// What `chat` and `note` share: the text, the incident, the database.
struct PostOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Argument(help: "The text (quote it).") var text: String
    @Option(help: ArgumentHelp("The incident it belongs to (default: the war room at large).", valueName: "id"))
    var incident: Int64?

    func post(_ kind: EventKind) throws {
        let event = try store.open().post(kind, text: text, incidentID: incident)
        Output.line(String(event.id))
    }
}

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat", abstract: "Say something in the war room chat, signed with your login; prints the event id.")
    @OptionGroup var options: PostOptions
    func run() throws { try options.post(.chat) }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to the timeline (a fact worth keeping for the postmortem); prints the event id.")
    @OptionGroup var options: PostOptions
    func run() throws { try options.post(.note) }
}
