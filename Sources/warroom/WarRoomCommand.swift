import ArgumentParser

struct WarRoomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warroom",
        abstract: "A terminal incident war room on a shared SQLite file or PostgreSQL database.",
        discussion: """
            Everyone shares one database, the incident timeline: a file on the bastion,
            or a PostgreSQL database (--db postgresql://…) for a team on several hosts.
            Every command below reads or writes it; every open war room sees each
            write within a blink. Writes are signed with your OS login.

            The database is --db PATH, else $WARROOM_DB, else /var/lib/warroom/warroom.db
            when that directory exists, else ~/.local/state/warroom/warroom.db.

            Examples:
              warroom init
              id=$(warroom incident declare --title "Checkout 5xx" --severity SEV2)
              warroom chat "rolling back api to v41" --incident $id
              warroom incident update $id --status monitoring --message "Fix deployed, watching error rates"
              journalctl -f -u api | warroom ingest --source api
              warroom timeline --incident $id --follow
              warroom collect --config /etc/warroom/warroom.yaml
              warroom alerts; warroom checks; warroom collectors
              warroom logs --around 12 --window 10m
              warroom copy --from warroom.db --to postgresql://warroom@db1/warroom
            """,
        subcommands: [
            OpenCommand.self, DemoCommand.self, StatusCommand.self, InitCommand.self, IncidentCommand.self, ChatCommand.self, NoteCommand.self, TaskCommand.self,
            TimelineCommand.self, LogsCommand.self, IngestCommand.self, ExportCommand.self, BriefCommand.self, ReportCommand.self, CopyCommand.self, BackupCommand.self, RestoreCommand.self,
            CollectCommand.self, CollectorsCommand.self, AlertsCommand.self, LinkLabelsCommand.self, ChecksCommand.self, CadenceCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
