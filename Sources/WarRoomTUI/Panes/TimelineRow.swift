import WarRoomCore

/// The kind column and the text of one timeline row, fitted to the cells
/// left after the time and the author.
///
/// A change (`status  investigating → monitoring`) keeps its new value
/// whole: the old value is shortened first, then the kind column, because
/// the new value is what the room needs to read.
struct TimelineRow: Equatable {
    static let kindWidth = 9

    var kind: String
    var body: String

    /// The kinds whose text is `OLD → NEW`.
    static let changeKinds: Set<EventKind> = [.statusChanged, .severityChanged, .roleAssigned]

    init(kind: EventKind, body: String, width: Int) {
        let label = TextFit.pad(kind.label, Self.kindWidth) + " "
        guard Self.changeKinds.contains(kind), let arrow = body.range(of: " → ", options: .backwards),
              CellWidth.of(label) + CellWidth.of(body) > width else {
            self.kind = label
            self.body = body
            return
        }
        let old = String(body[..<arrow.lowerBound]), new = String(body[arrow.lowerBound...])  // new: " → monitoring"
        let oldRoom = width - CellWidth.of(label) - CellWidth.of(new)
        if oldRoom >= 2 {
            self.kind = label
            self.body = TextFit.truncate(old, oldRoom) + new
            return
        }
        // The old value as "…", and what is left of the kind column.
        let kindRoom = width - 1 - CellWidth.of(new)
        self.kind = kindRoom >= 2 ? TextFit.truncate(kind.label, kindRoom - 1) + " " : ""
        self.body = kindRoom >= 0 ? TextFit.pad("…", kindRoom >= 2 ? 1 : kindRoom + 1) + new : String(new.dropFirst())
    }
}
