import Foundation

/// A line typed in the war room's chat box that starts with "/".
///
/// `parse` returns nil for plain chat (no leading "/"), `.chat` for a line
/// typed as "//…" (chat that itself begins with "/"), a command, or throws
/// `WarRoomError.invalid` with the reason and the usage. Parsing writes
/// nothing; `ChatCommandRunner` carries a command out.
public enum SlashCommand: Equatable, Sendable {
    /// `/declare TITLE [sevN] [--service NAME]`: a new incident, SEV3 unless
    /// the last word says otherwise; with a service, its alerts link themselves.
    case declare(title: String, severity: Severity, service: String? = nil)
    /// `/sev N`
    case severity(Severity)
    /// `/status WORD`
    case status(IncidentStatus)
    /// `/assign ROLE USER`
    case assign(role: IncidentRole, user: String)
    /// `/ack ALERT`: an alert number (`12`, `#12`), fingerprint prefix or alert name.
    case ack(alert: String)
    /// `/pin`: the alert or log line selected on screen.
    case pin
    /// `/link [ALERT [INCIDENT]]`: the alert (selected, or named) to the
    /// incident (selected, or numbered).
    case link(alert: String?, incidentID: Int64?)
    /// `/unlink [ALERT]`: undoes the selected (or named) alert's link.
    case unlink(alert: String?)
    /// `/update TEXT`: a stakeholder status update.
    case update(String)
    /// `/task TEXT`
    case task(String)
    /// `/done N`
    case done(taskID: Int64)
    /// `/resolve [TEXT]`
    case resolve(message: String?)
    /// `/note TEXT`
    case note(String)
    /// `/help`
    case help
    /// `//TEXT`: plain chat whose text starts with "/"; holds the line without the first slash.
    case chat(String)

    /// Every command with its usage, in the order `/help` lists them.
    public static let usages: [(name: String, usage: String)] = [
        ("declare", "/declare TITLE [sevN] [--service NAME]"),
        ("sev", "/sev N"),
        ("status", "/status investigating|identified|monitoring|resolved"),
        ("assign", "/assign commander|scribe|comms USER"),
        ("ack", "/ack ALERT"),
        ("pin", "/pin"),
        ("link", "/link [ALERT [INCIDENT]]"),
        ("unlink", "/unlink [ALERT]"),
        ("update", "/update TEXT"),
        ("task", "/task TEXT"),
        ("done", "/done TASK_NUMBER"),
        ("resolve", "/resolve [TEXT]"),
        ("note", "/note TEXT"),
        ("help", "/help"),
    ]

    /// The one-line summary `/help` shows.
    public static let helpText = "/declare TITLE [sevN] · /sev N · /status WORD · /assign ROLE USER · /ack ALERT · "
        + "/pin · /link [ALERT [INCIDENT]] · /unlink [ALERT] · /update TEXT · /task TEXT · /done N · /resolve [TEXT] · /note TEXT · //text sends a line starting with /"

    /// Parses one typed line; nil when it is plain chat.
    public static func parse(_ line: String) throws -> SlashCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("/") else { return nil }
        if trimmed.hasPrefix("//") { return .chat(String(trimmed.dropFirst())) }
        let body = trimmed.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let rest = body.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        let words = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        let command = name.lowercased()
        guard let usage = usages.first(where: { $0.name == command })?.usage else {
            let known = usages.map { "/" + $0.name }.joined(separator: ", ")
            let what = name.isEmpty ? "a command name is missing after /" : "unknown command /\(TextSanitizer.displayable(name))"
            throw WarRoomError.invalid("\(what); known commands: \(known) (type // to send a line that starts with /)")
        }
        func refuse(_ why: String) -> WarRoomError { .invalid("/\(command): \(why); usage: \(usage)") }
        func text(_ what: String, singleLine: Bool = false) throws -> String {
            guard !rest.isEmpty else { throw refuse("\(what) is missing") }
            do {
                return try TextInput.required(rest, field: what, singleLine: singleLine)
            } catch WarRoomError.invalid(let why) {
                throw refuse(why)
            }
        }
        func noArguments() throws {
            guard words.isEmpty else { throw refuse("takes no arguments") }
        }

        switch command {
        case "declare":
            return try parseDeclare(words: words, rest: rest, refuse: refuse)
        case "sev":
            guard words.count == 1 else { throw refuse(words.isEmpty ? "the severity is missing" : "give one severity") }
            guard let severity = Severity(parsing: words[0]) else {
                throw refuse("\"\(TextSanitizer.displayable(words[0]))\" is not a severity (\(Severity.allowedWords))")
            }
            return .severity(severity)
        case "status":
            guard words.count == 1 else { throw refuse(words.isEmpty ? "the status is missing" : "give one status word") }
            guard let status = IncidentStatus(parsing: words[0]) else {
                throw refuse("\"\(TextSanitizer.displayable(words[0]))\" is not a status (\(IncidentStatus.allowedWords))")
            }
            return .status(status)
        case "assign":
            guard words.count == 2 else { throw refuse("give a role and a user") }
            guard let role = IncidentRole(parsing: words[0]) else {
                throw refuse("\"\(TextSanitizer.displayable(words[0]))\" is not a role (\(IncidentRole.allowedWords))")
            }
            let user = words[1].hasPrefix("@") ? String(words[1].dropFirst()) : words[1]
            do {
                return .assign(role: role, user: try TextInput.userName(user))
            } catch {
                throw refuse("\"\(TextSanitizer.displayable(user))\" is not a user name (letters, digits, '.', '_', '-', '@')")
            }
        case "ack":
            guard words.count == 1 else { throw refuse(words.isEmpty ? "the alert is missing" : "give one alert") }
            return .ack(alert: words[0])
        case "pin":
            try noArguments()
            return .pin
        case "link":
            guard words.count <= 2 else { throw refuse("give at most an alert and an incident number") }
            var incident: Int64?
            if words.count == 2 {
                let digits = words[1].hasPrefix("#") ? String(words[1].dropFirst()) : words[1]
                guard let id = Int64(digits), id > 0 else {
                    throw refuse("\"\(TextSanitizer.displayable(words[1]))\" is not an incident number")
                }
                incident = id
            }
            return .link(alert: words.first, incidentID: incident)
        case "unlink":
            guard words.count <= 1 else { throw refuse("give at most one alert") }
            return .unlink(alert: words.first)
        case "update":
            return .update(try text("the text"))
        case "task":
            return .task(try text("the text", singleLine: true))
        case "done":
            guard words.count == 1 else { throw refuse(words.isEmpty ? "the task number is missing" : "give one task number") }
            let digits = words[0].hasPrefix("#") ? String(words[0].dropFirst()) : words[0]
            guard let id = Int64(digits), id > 0 else {
                throw refuse("\"\(TextSanitizer.displayable(words[0]))\" is not a task number")
            }
            return .done(taskID: id)
        case "resolve":
            return .resolve(message: rest.isEmpty ? nil : try text("the text"))
        case "note":
            return .note(try text("the text"))
        case "help":
            try noArguments()
            return .help
        default:
            throw refuse("is not implemented")
        }
    }

    /// The last word is the severity when it is spelled `sevN` (any case);
    /// so "Outage of S3" or "db 2" stay whole titles.
    private static func parseDeclare(words: [String], rest: String,
                                     refuse: (String) -> WarRoomError) throws -> SlashCommand {
        var words = words, rest = rest
        var service: String?
        if let flag = words.firstIndex(of: "--service") {
            guard words.indices.contains(flag + 1) else { throw refuse("--service needs a name") }
            service = words[flag + 1]
            words.removeSubrange(flag...(flag + 1))
            rest = words.joined(separator: " ")
        }
        var title = rest
        var severity = Severity.sev3
        if let last = words.last, last.count > 3, last.lowercased().hasPrefix("sev"),
           last.dropFirst(3).allSatisfy(\.isNumber) {
            guard let parsed = Severity(parsing: last) else {
                throw refuse("\"\(TextSanitizer.displayable(last))\" is not a severity (\(Severity.allowedWords))")
            }
            severity = parsed
            title = String(rest.dropLast(last.count)).trimmingCharacters(in: .whitespaces)
        }
        guard !title.isEmpty else { throw refuse("the title is missing") }
        do {
            return .declare(title: try TextInput.required(title, field: "the title", singleLine: true), severity: severity,
                            service: service)
        } catch WarRoomError.invalid(let why) {
            throw refuse(why)
        }
    }
}
