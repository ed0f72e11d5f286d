import ArgumentParser
import WarRoomCore

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "An incident's checklist: add, done, list.",
        subcommands: [Add.self, Done.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a task to an incident; prints the task id.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's id.") var incident: Int64
        @Argument(help: "What needs doing, in one line.") var text: String
        func run() throws {
            Output.line(String(try store.open().addTask(incidentID: incident, text: text).id))
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task done.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The task's id.") var task: Int64
        func run() throws {
            Output.line(IncidentText.taskLine(try store.open().completeTask(task)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an incident's tasks.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The incident's id.") var incident: Int64
        @Option(help: "text or json.") var format: OutputFormat = .text
        func run() throws {
            let s = try store.open(.readOnly)
            guard try s.incident(incident) != nil else { throw WarRoomError.incidentNotFound(incident) }
            let tasks = try s.tasks(incidentID: incident)
            switch format {
            case .json: try JSONOutput.print(tasks)
            case .text:
                if tasks.isEmpty { Output.line("No tasks.") }
                for t in tasks { Output.line(IncidentText.taskLine(t)) }
            }
        }
    }
}
