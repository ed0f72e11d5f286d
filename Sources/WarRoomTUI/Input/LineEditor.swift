import WarRoomCore

/// A readline-like input line: ←/→, Home/End, Ctrl-A/E/W/U/K, Backspace,
/// Delete, and Up/Down through the lines sent before. It edits whole
/// characters (grapheme clusters), so UTF-8 text is never cut in half.
/// Every key costs time in proportion to the key, not to the line: a
/// 100 KB paste is taken in linear time and stops at `limit`.
public struct LineEditor: Sendable {
    public enum Outcome: Equatable, Sendable {
        /// `full`: the character would pass `limit`; it was not taken.
        case edited, submitted(String), ignored, full
    }

    public private(set) var characters: [Character] = []
    public private(set) var cursor = 0
    /// The longest line taken, in UTF-8 bytes: what the store accepts.
    public let limit: Int
    public private(set) var byteCount = 0
    public private(set) var history: [String] = []
    private var historyIndex: Int?
    private var draft: [Character] = []
    public let maxHistory = 200

    public init(limit: Int = TextInput.maxBytes) { self.limit = limit }

    private static func bytes<C: Collection<Character>>(_ text: C) -> Int { text.reduce(0) { $0 + $1.utf8.count } }

    /// Every edit goes through here, so the byte count costs only what the
    /// edit touches.
    private mutating func replace(_ range: Range<Int>, with new: some Collection<Character>) {
        byteCount += Self.bytes(new) - Self.bytes(characters[range])
        characters.replaceSubrange(range, with: new)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func set(_ text: String) {
        replace(characters.indices, with: Array(text))
        cursor = characters.count
    }

    public mutating func clear() { set("") }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            let size = c.utf8.count
            guard byteCount + size <= limit else { return .full }
            replace(cursor..<cursor, with: CollectionOfOne(c))
            cursor += 1
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .edited }
            cursor -= 1
            replace(cursor..<cursor + 1, with: EmptyCollection())
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .edited }
            replace(cursor..<cursor + 1, with: EmptyCollection())
        case .ctrl("u"):
            replace(0..<cursor, with: EmptyCollection())
            cursor = 0
        case .ctrl("k"):
            replace(cursor..<characters.count, with: EmptyCollection())
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            replace(start..<cursor, with: EmptyCollection())
            cursor = start
        case .up:
            guard !history.isEmpty else { return .edited }
            if historyIndex == nil { draft = characters; historyIndex = history.count }
            historyIndex = max(0, historyIndex! - 1)
            set(history[historyIndex!])
            cursor = characters.count
        case .down:
            guard let i = historyIndex else { return .edited }
            if i + 1 < history.count {
                historyIndex = i + 1
                set(history[i + 1])
            } else {
                historyIndex = nil
                replace(characters.indices, with: draft)
                cursor = characters.count
            }
        case .enter:
            let line = text
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                if history.last != line { history.append(line) }
                if history.count > maxHistory { history.removeFirst() }
            }
            historyIndex = nil
            clear()
            return .submitted(line)
        default:
            return .ignored
        }
        return .edited
    }

    /// The part of the line that fits in `width` columns around the cursor,
    /// and the cursor's column within it. It looks only at the characters
    /// near the cursor, so a long line costs no more to draw than a short one.
    public func window(width: Int) -> (text: String, cursor: Int) {
        guard width > 0 else { return ("", 0) }
        var start = cursor
        var cursorColumn = 0
        while start > 0 {
            let w = CellWidth.of(characters[start - 1])
            if cursorColumn + w >= width { break }
            cursorColumn += w
            start -= 1
        }
        var out = ""
        var used = 0
        var i = start
        while i < characters.count {
            let w = CellWidth.of(characters[i])
            guard used + w <= width else { break }
            out.append(characters[i])
            used += w
            i += 1
        }
        return (out, cursorColumn)
    }
}
