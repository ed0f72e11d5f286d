import ArgumentParser

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Declare, list, show, update, assign and resolve incidents.",
        subcommands: [IncidentDeclare.self, IncidentList.self, IncidentShow.self, IncidentUpdate.self,
                      IncidentAssign.self, IncidentResolve.self])
}
