import Foundation
import WarRoomCore

/// One pane of the war room: draws itself from the data into its rectangle
/// of the canvas, and handles the keys given to it while it has focus.
public protocol Pane: AnyObject {
    var id: PaneID { get }
    /// The topics whose changes make this pane redraw.
    var topics: Set<ChangeTopic> { get }
    /// Whether the pane shows times that age (durations, "due in").
    var showsAge: Bool { get }
    func draw(into canvas: inout Canvas, rect: Rect, data: WarRoomData, focused: Bool, now: Date)
    /// Returns true if the key was used.
    func handle(_ key: Key, data: WarRoomData) -> Bool
}

public extension Pane {
    var title: String { id.title }
    var showsAge: Bool { false }
}
