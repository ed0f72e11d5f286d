/// The `?` overlay: every key, in the words of the war room.
enum HelpOverlay {
    static let lines: [String] = [
        "Keys",
        "  Tab / Shift-Tab, \(PaneID.keyRange)   move focus: \(PaneID.names)",
        "  ↑↓ j k, PgUp PgDn, g G  scroll; in Status, choose the incident",
        "  Enter, → ←              details of an alert or log line; open, close a group",
        "  a                       acknowledge the selected alert, or all of a group",
        "  s                       silence it (or a group, by its labels) in Alertmanager",
        "  p                       pin the selected alert or log line to the incident",
        "  L                       the logs around the alert's (group's) start; + - widen, narrow",
        "  / n N, f F              logs: search, next, previous; filter by source, follow",
        "  / then Esc (or empty ⏎) clear the search and its highlights",
        "  f  Esc                  alerts: filter by labels (service=~\"api|web\"), clear",
        "  \(PaneID.chat.key)                       type in the chat: Enter sends, Esc leaves, ↑↓ history",
        "  m                       the last status-line message, whole",
        "  ?  q  :report [90d]     this help; quit (asks if unsent text); trends for leads",
        "",
        "Chat commands (about the selected incident)",
        "  /declare TITLE [sevN]   /sev N   /status investigating|identified|monitoring",
        "  /assign commander|scribe|comms USER   /ack ALERT   /pin   /declare … --service NAME",
        "  /link [ALERT [INCIDENT]]   /unlink [ALERT]   (the selected alert, else the one named)",
        "  /update TEXT   /task TEXT   /done N   /resolve [TEXT]   /note TEXT   /help",
        "",
        "Press any key to close.",
    ]

    static func draw(into canvas: inout Canvas) {
        let width = min(canvas.width - 2, (lines.map { CellWidth.of($0) }.max() ?? 40) + 4)
        let height = min(canvas.height - 2, lines.count + 2)
        let rect = Rect(x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
        canvas.fill(rect, role: .help)
        canvas.box(rect, title: "Help", focused: true)
        for (i, line) in lines.prefix(height - 2).enumerated() {
            canvas.put(line, x: rect.x + 2, y: rect.y + 1 + i, role: i == 0 || line.hasPrefix("Chat") ? .focusTitle : .help,
                       bold: i == 0 || line.hasPrefix("Chat"), clip: rect.inner)
        }
    }
}
