import CNCursesW
import Foundation

/// The only code that talks to ncurses. It copies a canvas to the screen,
/// writing only the cells that differ from the last frame, and reads keys
/// with a timeout so the loop can poll the database between them.
public final class CursesTerminal {
    private var previous: Canvas?
    private let theme: Theme
    private var colors = false
    private var attrCache: [StyleRole: attr_t] = [:]
    private var decoder = UTF8InputDecoder()
    /// Keys decoded but not handed out yet (one read can complete several).
    private var queued: [Key] = []
    private var quietSpins = 0
    /// Set once the terminal is found gone; every later read says `.hangup`.
    public private(set) var lost = false

    public init(theme: Theme) throws {
        self.theme = theme
        if setlocale(LC_ALL, "") == nil || !Self.localeIsUTF8() {
            setlocale(LC_ALL, "C.UTF-8")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the war room needs a terminal; for scripts use the CLI commands (warroom --help)")
        }
        // Before raw mode: a crash from here on gives the terminal back.
        cw_install_fatal_restore()
        guard initscr() != nil else { throw TerminalError("cannot start the terminal (is TERM set?)") }
        raw()
        noecho()
        nonl()
        keypad(cw_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if theme.usesColor, has_colors() {
            start_color()
            use_default_colors()
            colors = true
            // 256-colour themes fall back to their 8-colour choices here.
            let available = Int(cw_colors())
            for role in StyleRole.allCases {
                let look = theme.look(role)
                init_pair(Int16(role.rawValue + 1), look.fg.resolved(colors: available), look.bg.resolved(colors: available))
            }
        }
        for role in StyleRole.allCases {
            var a = cw_a_normal()
            if theme.look(role).reverse { a |= cw_a_reverse() }
            if theme.look(role).bold { a |= cw_a_bold() }
            attrCache[role] = a
        }
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(cw_stdscr())), Int(getmaxy(cw_stdscr())))
    }

    /// Copies the canvas; only changed cells are written.
    public func draw(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
        let win = cw_stdscr()
        let full = previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
        if full { werase(win); clearok(win, true) }
        var scalars = [UInt32](repeating: 0, count: 6)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if !full, previous![x, y] == cell { continue }
                if cell.text.isEmpty { continue }  // right half of a wide character
                var n = 0
                for s in cell.text.unicodeScalars.prefix(5) { scalars[n] = s.value; n += 1 }
                var attrs = attrCache[cell.role] ?? cw_a_normal()
                if cell.bold { attrs |= cw_a_bold() }
                let pair = colors ? Int16(cell.role.rawValue + 1) : 0
                // The bottom-right cell scrolls some terminals; ncurses copes, the error is harmless.
                _ = cw_put_cell(win, Int32(y), Int32(x), &scalars, Int32(n), attrs, pair)
            }
        }
        previous = canvas
        if let cursor {
            curs_set(1)
            wmove(win, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(win)
    }

    /// Forgets the last frame, so the next draw repaints everything.
    public func invalidate() { previous = nil }

    /// The next key, or nil after `timeoutMs` without one. Bytes are read
    /// one at a time and decoded here (`UTF8InputDecoder`), so an invalid
    /// byte becomes U+FFFD and the rest of a paste is kept.
    public func readKey(timeoutMs: Int32) -> Key? {
        if !queued.isEmpty { return queued.removeFirst() }
        if lost { return .hangup }
        let win = cw_stdscr()
        wtimeout(win, timeoutMs)
        let started = DispatchTime.now().uptimeNanoseconds
        var code = wgetch(win)
        guard code != ERR else {
            noteEmptyRead(startedAt: started, timeoutMs: timeoutMs)
            return lost ? .hangup : nil
        }
        quietSpins = 0
        if code > 0xFF { return Self.functionKey(code) }
        var scalars = decoder.feed(UInt8(truncatingIfNeeded: code))
        while scalars.isEmpty, decoder.isIncomplete {
            // The rest of a character comes in the same burst; a short wait
            // covers a slow link without stalling on a lone bad byte.
            wtimeout(win, 20)
            code = wgetch(win)
            if code == ERR {
                scalars = decoder.flush()
            } else if code > 0xFF {
                scalars = decoder.flush()
                if let key = Self.functionKey(code) { queued.append(key) }
            } else {
                scalars = decoder.feed(UInt8(truncatingIfNeeded: code))
            }
        }
        let keys = scalars.compactMap { Self.characterKey($0.value) }
        queued.insert(contentsOf: keys.dropFirst(), at: 0)
        if let first = keys.first { return first }
        return queued.isEmpty ? nil : queued.removeFirst()
    }

    /// Whether the terminal went away: a read that fails or ends (the pty's
    /// other side closed) makes `wgetch` return at once instead of waiting,
    /// and a loop that treats that as "no key" spins. `poll` tells a hangup
    /// apart; a run of reads that return at once with nothing is taken as
    /// one too, whatever the cause.
    private func noteEmptyRead(startedAt: UInt64, timeoutMs: Int32) {
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, 0) < 0 ? errno != EINTR : fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            lost = true
            return
        }
        let waitedMs = (DispatchTime.now().uptimeNanoseconds - startedAt) / 1_000_000
        if timeoutMs >= 10, waitedMs < UInt64(timeoutMs) / 4 { quietSpins += 1 } else { quietSpins = 0 }
        if quietSpins >= 100 { lost = true }
    }

    /// Gives the terminal back; nothing to give when it is gone.
    public func restore() {
        guard !lost else { return }
        curs_set(1)
        endwin()
    }

    static func characterKey(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
        case 0, 28...31: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            if (0x80...0x9F).contains(v) { return nil }
            return .char(Character(s))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
