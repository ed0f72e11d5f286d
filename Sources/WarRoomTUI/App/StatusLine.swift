import Foundation
import WarRoomCore

/// The bottom row: the prompt being answered, the quit question, a
/// message, the database outage, or the keys that work in this mode.
/// Built from the screen's values and drawn; it holds no state.
struct StatusLine {
    var mode: WarRoomScreen.Mode
    var prompt: ScreenPrompt?
    var message: (text: String, isError: Bool)?
    var outage: (reason: String, since: Date)?
    var now: Date

    /// The keys in normal mode, most wanted first; the last (how to
    /// leave) is always shown.
    static let normalHint = ["? help", "Tab focus", "\(PaneID.chat.key) chat", "a ack", "p pin", "L logs", "/ search", ":report", "q quit"]
    /// The keys of the input line while typing: `q` types a q there.
    static let typingHint = ["Enter send", "Esc leave", "↑↓ history", "PgUp PgDn scroll chat", "Ctrl-C quit"]

    /// As many hints as fit in `width` cells, the leaving one kept.
    static func hint(_ items: [String], width: Int) -> String {
        var shown = items
        while shown.count > 2, CellWidth.of(shown.joined(separator: " · ")) > width { shown.remove(at: shown.count - 2) }
        return shown.joined(separator: " · ")
    }
    /// What a message too long for the row ends with.
    static let readAll = " · m reads all"
    static let readAllTyping = " · Esc m reads all"

    /// Draws the row; returns where the prompt's cursor is, if prompting.
    func draw(into canvas: inout Canvas) -> (x: Int, y: Int)? {
        let y = canvas.height - 1
        let room = canvas.width - 2
        canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), role: .statusBar)
        var text: String
        var role = StyleRole.statusBar
        var cursor: (x: Int, y: Int)?
        switch mode {
        case .prompting:
            var label = prompt?.label ?? ""
            if let problem = prompt?.problem {
                label = TextFit.truncate(TextSanitizer.displayable(problem), canvas.width / 2) + " · " + label
                role = .statusError
            }
            let (visible, cursorColumn) = prompt?.editor.window(width: max(1, canvas.width - CellWidth.of(label) - 3)) ?? ("", 0)
            text = label + visible
            cursor = (1 + CellWidth.of(label) + cursorColumn, y)
        case .confirmQuit:
            text = "You have unsent text. Quit anyway? y/n"
            role = .statusError
        default:
            if let message {
                text = TextSanitizer.displayable(message.text)
                role = message.isError ? .statusError : .statusBar
                // Too long for the row: cut, and say how to read it whole.
                if CellWidth.of(text) > room {
                    let more = mode == .typing ? Self.readAllTyping : Self.readAll
                    text = TextFit.truncate(text, max(1, room - CellWidth.of(more))) + more
                }
            } else if let outage {
                text = OutageLine.text(reason: outage.reason, since: outage.since, now: now)
                role = .statusError
            } else {
                text = Self.hint(mode == .typing ? Self.typingHint : Self.normalHint, width: room)
            }
        }
        canvas.put(" " + TextFit.truncate(TextSanitizer.displayable(text), room), x: 0, y: y, role: role, bold: role == .statusError)
        return cursor
    }
}
