import Foundation
import WarRoomCore

/// What keys do: one state machine over `Mode`. Each mode has one handler;
/// the actions they call are in `WarRoomScreen+Actions`.
extension WarRoomScreen {
    public func handle(_ key: Key) {
        if key == .resize { return }
        switch mode {
        case .detail: handleDetail(key)
        case .help: mode = .normal
        case .confirmQuit:
            if key == .char("y") || key == .char("Y") {
                wantsQuit = true
            } else {
                // Back to the input line holding the unsent text.
                focus = .chat
                mode = .typing
            }
        case .prompting: handlePrompt(key)
        case .typing: handleTyping(key)
        case .normal: handleNormal(key)
        }
    }

    /// Long details (the :report view) scroll; any other key closes.
    private func handleDetail(_ key: Key) {
        switch key {
        case .up, .char("k"): detailTop = max(0, detailTop - 1)
        case .down, .char("j"): detailTop += 1
        case .pageUp: detailTop = max(0, detailTop - 10)
        case .pageDown, .char(" "): detailTop += 10
        case .home, .char("g"): detailTop = 0
        default: mode = .normal
        }
    }

    func handleNormal(_ key: Key) {
        message = nil
        switch key {
        case .char("q"), .ctrl("c"): quit()
        case .char("?"), .function(1): mode = .help
        case .char("m"): showLastMessage()
        case .tab: moveFocus(to: focus.next)
        case .backTab: moveFocus(to: focus.previous)
        case .char(let c) where PaneID(key: c) != nil: moveFocus(to: PaneID(key: c)!)
        case .char(":"):
            // The input line, starting a `:` command (`:report`); Backspace
            // turns it into a plain chat line.
            focus = .chat
            mode = .typing
            _ = chat.editor.handle(.char(":"))
        case .char("/"): askSearch()
        case .char("s"): silenceSelected()
        case .char("f") where focus == .alerts: askAlertFilter(initial: data.alertFilter == nil ? "" : alertFilterText)
        case .escape where focus == .alerts && data.alertFilter != nil: applyAlertFilter(nil)
        case .enter: openDetail()
        case .char("a"): ackSelected()
        case .char("p"): pinSelected()
        case .char("L") where focus == .alerts: showLogsAroundSelected()
        default:
            if !pane(focus).handle(key, data: data), focus == .chat, case .char = key {
                mode = .typing
                handleTyping(key)
            }
        }
    }

    /// `q` quits at once, unless the input line holds unsent text: then
    /// it asks, and anything but `y` goes back to the text.
    private func quit() {
        if chat.editor.isEmpty { wantsQuit = true } else { mode = .confirmQuit }
    }

    /// Focusing the chat opens its input line, so a word that starts with
    /// q is typed, not taken as "quit".
    func moveFocus(to pane: PaneID) {
        focus = pane
        if focus == .chat { mode = .typing }
    }

    private func handleTyping(_ key: Key) {
        switch key {
        case .escape:
            mode = .normal
        case .ctrl("c"):
            quit()
        case .tab, .backTab:
            mode = .normal
            handleNormal(key)
        case .pageUp, .pageDown:
            _ = chat.handle(key, data: data)
        default:
            switch chat.editor.handle(key) {
            case .submitted(let line):
                message = nil
                submit(line)
                // A refused line (too long, `/sev 0`) stays for editing.
                if message?.isError == true { chat.editor.set(line) }
            case .full:
                say("the line is full (\(chat.editor.limit / 1024) KiB): send it, or shorten it first", error: true)
            default:
                break
            }
        }
    }

    func ask(_ label: String, initial: String = "", answer: @escaping (String) -> Void) {
        var p = ScreenPrompt(label: label, answer: answer)
        p.editor.set(initial)
        prompt = p
        mode = .prompting
    }

    /// Esc (or Ctrl-C) leaves the prompt; on the search prompt it also
    /// clears the search and its highlights, as Enter on an empty one does.
    private func handlePrompt(_ key: Key) {
        guard var p = prompt else { mode = .normal; return }
        switch key {
        case .escape, .ctrl("c"):
            prompt = nil
            mode = .normal
            if p.isSearch { search("") }
        default:
            let outcome = p.editor.handle(key)
            prompt = p
            if case .submitted(let text) = outcome {
                if p.isSearch { searches = p.editor }
                prompt = nil
                mode = .normal
                p.answer(text)
            }
        }
    }
}
