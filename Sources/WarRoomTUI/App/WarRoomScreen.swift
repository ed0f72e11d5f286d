import Foundation
import WarRoomCore

/// The war room without the terminal: panes, focus, modes and what is on
/// the status line. It composes frames into a `Canvas`; the terminal backend
/// only copies the cells that changed. Tests drive it directly.
///
/// The rest of the screen lives beside this file: what keys do in each mode
/// (`WarRoomScreen+Keys`), what the actions write or open
/// (`WarRoomScreen+Actions`), and the pure drawing of the header and the
/// status line (`HeaderBar`, `StatusLine`).
public final class WarRoomScreen {
    public enum Mode: Equatable {
        case normal, typing, prompting, help, confirmQuit
        case detail(title: String, lines: [String])

        /// A mode that covers the panes: each frame is drawn whole.
        var isOverlay: Bool {
            switch self {
            case .help, .detail: return true
            default: return false
            }
        }
    }

    public let data: WarRoomData
    public let status = StatusBoardPane()
    public let alerts = AlertFeedPane()
    public let logs = LogTailPane()
    public let chat: ChatPane
    public let timeline = TimelinePane()
    /// In `PaneID` order.
    public var panes: [Pane] { [status, alerts, logs, chat, timeline] }
    public func pane(_ id: PaneID) -> Pane { panes[id.rawValue] }
    public internal(set) var focus = PaneID.status
    public internal(set) var mode: Mode = .normal
    /// The first line shown of a scrolling detail overlay.
    var detailTop = 0
    public internal(set) var message: (text: String, isError: Bool)?
    /// The last message shown, kept after the status line clears, for `m`
    /// to show whole when it did not fit.
    public internal(set) var lastMessage: (text: String, isError: Bool)?
    public internal(set) var wantsQuit = false
    /// Why the database cannot be read and since when (nil while it can):
    /// the status line says so, under any passing message, until it clears.
    public var outage: (reason: String, since: Date)?
    var prompt: ScreenPrompt?
    /// Where the prompt's cursor was drawn.
    var promptCursor: (x: Int, y: Int)?
    /// Empty, holding the terms searched before: `/` starts a new term (as
    /// in less and lnav) and ↑ brings back the last one.
    var searches = LineEditor()
    let runner: ChatCommandRunner
    let silencer: AlertSilencer?
    /// The alert filter as typed, for `f` to bring back to edit.
    var alertFilterText = ""

    public init(data: WarRoomData, me: String = Author.current, silencer: AlertSilencer? = nil,
                logSources: AlertLogSources = AlertLogSources()) {
        self.data = data
        chat = ChatPane(me: me)
        logs.logSources = logSources
        runner = ChatCommandRunner(store: data.store)
        self.silencer = silencer
    }

    // What the last frame was, and which panes changed since.
    private var previous: Canvas?
    private var dirtyPanes: Set<PaneID> = []
    private var everythingDirty = true

    /// Marks the panes that show these topics for redrawing.
    public func invalidate(_ topics: Set<ChangeTopic>) {
        for pane in panes where !pane.topics.isDisjoint(with: topics) { dirtyPanes.insert(pane.id) }
    }

    /// Marks the panes that show ages ("12m", "due in 4m") for redrawing.
    public func invalidateAges() {
        for pane in panes where pane.showsAge { dirtyPanes.insert(pane.id) }
    }

    /// The next frame recomposes everything (after a key, a resize).
    public func invalidateAll() { everythingDirty = true }

    /// The frame to show: the last one with only the changed panes redrawn
    /// (and the header and status line, one row each), or a whole new one
    /// after a key, a resize or while an overlay is open.
    public func render(width: Int, height: Int, now: Date = Date()) -> Canvas {
        defer {
            dirtyPanes = []
            everythingDirty = false
        }
        guard !everythingDirty, !mode.isOverlay, var canvas = previous, canvas.width == width, canvas.height == height,
              let layout = WarRoomLayout(width: width, height: height) else {
            let frame = compose(width: width, height: height, now: now)
            previous = frame
            return frame
        }
        drawHeader(into: &canvas, now: now)
        for id in dirtyPanes.sorted(by: { $0.rawValue < $1.rawValue }) {
            pane(id).draw(into: &canvas, rect: layout.rect(for: id), data: data, focused: id == focus, now: now)
        }
        drawStatusLine(into: &canvas, now: now)
        previous = canvas
        return canvas
    }

    /// The whole frame for a terminal of this size.
    public func compose(width: Int, height: Int, now: Date = Date()) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        guard let layout = WarRoomLayout(width: width, height: height) else {
            let lines = ["Terminal too small: \(width)×\(height).",
                         "warroom needs at least \(WarRoomLayout.minimumWidth)×\(WarRoomLayout.minimumHeight).",
                         "Enlarge the window; q quits."]
            for (i, line) in lines.enumerated() where i < height {
                canvas.put(TextFit.truncate(line, width), x: 0, y: i, role: i == 0 ? .statusError : .text, bold: i == 0)
            }
            return canvas
        }
        chat.typing = mode == .typing || mode == .confirmQuit
        drawHeader(into: &canvas, now: now)
        for pane in panes {
            pane.draw(into: &canvas, rect: layout.rect(for: pane.id), data: data, focused: pane.id == focus, now: now)
        }
        drawStatusLine(into: &canvas, now: now)
        switch mode {
        case .help: HelpOverlay.draw(into: &canvas)
        case .detail(let title, let lines): detailTop = DetailOverlay.draw(title: title, lines: lines, top: detailTop, into: &canvas)
        default: break
        }
        return canvas
    }

    /// Where the terminal cursor should be shown, if anywhere.
    public var cursor: (x: Int, y: Int)? {
        switch mode {
        case .typing: return chat.cursorPosition
        case .prompting: return promptCursor
        default: return nil
        }
    }

    private func drawHeader(into canvas: inout Canvas, now: Date) {
        HeaderBar.draw(into: &canvas, incident: data.selectedIncident, openCount: data.openIncidentCount,
                       me: chat.me, now: now)
    }

    private func drawStatusLine(into canvas: inout Canvas, now: Date) {
        let line = StatusLine(mode: mode, prompt: prompt, message: message, outage: outage, now: now)
        promptCursor = line.draw(into: &canvas)
    }

    public func say(_ text: String, error: Bool = false) {
        message = (text, error)
        lastMessage = message
    }
}
