import WarRoomCore

/// A grid of styled cells that panes draw into. It never lets a write pass
/// the rectangle it is clipped to, measures characters with wcwidth, and
/// can be read back as text, which is how pane tests see the screen.
public struct Canvas: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        /// One character; "" marks the right half of a wide character.
        public var text: String
        public var role: StyleRole
        public var bold: Bool
        public static let blank = Cell(text: " ", role: .text, bold: false)
    }

    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ rect: Rect, role: StyleRole = .text) {
        let r = clip(rect)
        guard r.width > 0 else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y] = Cell(text: " ", role: role, bold: false) }
        }
    }

    /// Writes text from (x, y), clipped to `clip` (the whole canvas by
    /// default). Text must already be sanitized; anything that is still a
    /// control character is drawn as "?". Returns the column after the text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .text, bold: Bool = false, clip: Rect? = nil) -> Int {
        let area = self.clip(clip ?? Rect(x: 0, y: 0, width: width, height: height))
        guard y >= area.y, y < area.maxY else { return x }
        var col = x
        for ch in text {
            var glyph = String(ch)
            var w = CellWidth.of(ch)
            if let s = ch.unicodeScalars.first, TextSanitizer.needsEscape(s) {
                glyph = "?"
                w = 1
            }
            if w == 0 {
                // A lone combining mark: attach it to the cell before, if ours.
                if col - 1 >= area.x, col - 1 < area.maxX, !self[col - 1, y].text.isEmpty {
                    self[col - 1, y].text += glyph
                }
                continue
            }
            if col + w > area.maxX {
                // A wide character that does not fit: pad, never cross the edge.
                if w == 2, col < area.maxX, col >= area.x { self[col, y] = Cell(text: " ", role: role, bold: bold) }
                return area.maxX
            }
            if col >= area.x {
                clearWideNeighbours(x: col, y: y, width: w)
                self[col, y] = Cell(text: glyph, role: role, bold: bold)
                if w == 2 { self[col + 1, y] = Cell(text: "", role: role, bold: bold) }
            }
            col += w
        }
        return col
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWideNeighbours(x: Int, y: Int, width w: Int) {
        if self[x, y].text.isEmpty, x > 0 { self[x - 1, y].text = " " }
        let after = x + w
        if after < self.width, self[after, y].text.isEmpty { self[after, y].text = " " }
    }

    public mutating func box(_ rect: Rect, title: String, focused: Bool) {
        let r = clip(rect)
        guard r.width >= 2, r.height >= 2 else { return }
        let role: StyleRole = focused ? .focusBorder : .border
        for x in (r.x + 1)..<(r.maxX - 1) {
            self[x, r.y] = Cell(text: "─", role: role, bold: focused)
            self[x, r.maxY - 1] = Cell(text: "─", role: role, bold: focused)
        }
        for y in (r.y + 1)..<(r.maxY - 1) {
            self[r.x, y] = Cell(text: "│", role: role, bold: focused)
            self[r.maxX - 1, y] = Cell(text: "│", role: role, bold: focused)
        }
        self[r.x, r.y] = Cell(text: "┌", role: role, bold: focused)
        self[r.maxX - 1, r.y] = Cell(text: "┐", role: role, bold: focused)
        self[r.x, r.maxY - 1] = Cell(text: "└", role: role, bold: focused)
        self[r.maxX - 1, r.maxY - 1] = Cell(text: "┘", role: role, bold: focused)
        let titleArea = Rect(x: r.x + 1, y: r.y, width: r.width - 2, height: 1)
        put(" " + TextFit.truncate(title, r.width - 5) + " ", x: r.x + 2, y: r.y, role: focused ? .focusTitle : .title, bold: true, clip: titleArea)
    }

    public func clip(_ r: Rect) -> Rect {
        let x0 = max(0, r.x), y0 = max(0, r.y)
        let x1 = min(width, r.maxX), y1 = min(height, r.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The canvas as plain text, one line per row, trailing blanks trimmed.
    public var text: String {
        (0..<height).map { row(y: $0) }.joined(separator: "\n")
    }

    public func row(y: Int) -> String {
        var line = ""
        for x in 0..<width { line += self[x, y].text }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// The roles along a row, for tests that check colouring.
    public func roles(y: Int) -> [StyleRole] { (0..<width).map { self[$0, y].role } }
}
