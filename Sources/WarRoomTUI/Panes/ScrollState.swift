/// A selection in a list and the first visible row, kept consistent.
public struct ScrollState: Equatable, Sendable {
    public var selected = 0
    public var top = 0
    /// Whether the view sticks to the newest row (log tail, chat).
    public var following = true

    public init(following: Bool = true) { self.following = following }

    /// Keeps the selection inside `count` rows and visible in `height`.
    public mutating func clamp(count: Int, height: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        if following { selected = count - 1 }
        selected = min(max(0, selected), count - 1)
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = min(max(0, top), max(0, count - height))
    }

    /// Moves the selection; leaving the newest row stops following, reaching
    /// it again resumes.
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else { return }
        selected = min(max(0, selected + delta), count - 1)
        following = selected == count - 1 && delta > 0 ? true : (delta < 0 ? false : following)
    }

    public mutating func jump(toStart: Bool, count: Int) {
        guard count > 0 else { return }
        selected = toStart ? 0 : count - 1
        following = !toStart
    }

    /// The common scrolling keys; returns whether the key was one of them.
    public mutating func handle(_ key: Key, count: Int, page: Int) -> Bool {
        switch key {
        case .up, .char("k"): move(by: -1, count: count)
        case .down, .char("j"): move(by: 1, count: count)
        case .pageUp: move(by: -max(1, page - 1), count: count)
        case .pageDown: move(by: max(1, page - 1), count: count)
        case .home, .char("g"): jump(toStart: true, count: count)
        case .end, .char("G"): jump(toStart: false, count: count)
        default: return false
        }
        return true
    }
}
