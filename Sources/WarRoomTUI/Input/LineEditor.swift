/// A readline-like input line: ←/→, Home/End, Ctrl-A/E/W/U/K, Backspace,
/// Delete, and Up/Down through the lines sent before. It edits whole
/// characters (grapheme clusters), so UTF-8 text is never cut in half.
public struct LineEditor: Sendable {
    public enum Outcome: Equatable, Sendable {
        case edited, submitted(String), ignored
    }

    public private(set) var characters: [Character] = []
    public private(set) var cursor = 0
    public private(set) var history: [String] = []
    private var historyIndex: Int?
    private var draft: [Character] = []
    public let maxHistory = 200

    public init() {}

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func clear() { set("") }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .edited }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .edited }
            characters.remove(at: cursor)
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            guard !history.isEmpty else { return .edited }
            if historyIndex == nil { draft = characters; historyIndex = history.count }
            historyIndex = max(0, historyIndex! - 1)
            characters = Array(history[historyIndex!])
            cursor = characters.count
        case .down:
            guard let i = historyIndex else { return .edited }
            if i + 1 < history.count {
                historyIndex = i + 1
                characters = Array(history[i + 1])
            } else {
                historyIndex = nil
                characters = draft
            }
            cursor = characters.count
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
    /// and the cursor's column within it.
    public func window(width: Int) -> (text: String, cursor: Int) {
        let widths = characters.map { CellWidth.of($0) }
        var start = 0
        var cursorColumn = widths[0..<cursor].reduce(0, +)
        while cursorColumn >= width, start < cursor {
            cursorColumn -= widths[start]
            start += 1
        }
        var out = ""
        var used = 0
        var i = start
        while i < characters.count, used + widths[i] <= width {
            out.append(characters[i])
            used += widths[i]
            i += 1
        }
        return (out, cursorColumn)
    }
}

import Foundation
