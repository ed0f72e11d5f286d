import Foundation
import WarRoomCore

/// The rows of the alert pane: a row per group, the members of expanded
/// groups under theirs, then the resolved alerts that linger. Built when
/// the alerts are reloaded or a group opens or closes, never per frame.
struct AlertFeedRows {
    enum Row {
        /// A group of two or more firing alerts.
        case group(AlertGroup, expanded: Bool)
        /// A member of an expanded group, indented under it.
        case member(Alert, groupKey: String)
        /// An alert alone: a group of one (a group row over a single alert
        /// would only cost a row and a key press), or a resolved one.
        case alert(Alert, groupKey: String?)

        var identity: Identity {
            switch self {
            case .group(let g, _): return .group(g.key)
            case .member(let a, _), .alert(let a, _): return .alert(a.fingerprint)
            }
        }

        /// The group the row belongs to, if any.
        var groupKey: String? {
            switch self {
            case .group(let g, _): return g.key
            case .member(_, let key): return key
            case .alert(_, let key): return key
            }
        }
    }

    /// What the selection holds on to across reloads: a group by its
    /// labels' values, an alert by its fingerprint; never a row number,
    /// which moves whenever a group above gains or loses a member.
    enum Identity: Equatable {
        case group(String)
        case alert(String)
    }

    private(set) var rows: [Row] = []

    init() {}

    init(groups: [AlertGroup], lingering: [Alert], expanded: Set<String>) {
        for g in groups {
            if g.count == 1 {
                rows.append(.alert(g.members[0], groupKey: g.key))
            } else if expanded.contains(g.key) {
                rows.append(.group(g, expanded: true))
                rows += g.members.map { .member($0, groupKey: g.key) }
            } else {
                rows.append(.group(g, expanded: false))
            }
        }
        rows += lingering.map { .alert($0, groupKey: nil) }
    }

    var count: Int { rows.count }

    /// Where the row held before is now: the same group, or the same alert
    /// still in the same group; else (the alert resolved, the group shrank
    /// to one) its group's row or the alert standing for it; else the same
    /// alert anywhere (a lingering resolved one); else nil.
    func index(of identity: Identity, groupKey: String?) -> Int? {
        if let groupKey {
            if let i = rows.firstIndex(where: { $0.identity == identity && $0.groupKey == groupKey }) { return i }
            let standsForGroup = rows.firstIndex { row in
                switch row {
                case .group(let g, _): return g.key == groupKey
                case .alert(_, let key): return key == groupKey
                case .member: return false
                }
            }
            if let standsForGroup { return standsForGroup }
        }
        return rows.firstIndex { $0.identity == identity }
    }
}
