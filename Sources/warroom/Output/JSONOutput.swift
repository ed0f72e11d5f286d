import Foundation
import WarRoomCore

enum JSONOutput {
    static func print<T: Encodable>(_ value: T, pretty: Bool = true) throws {
        Output.write(try WarRoomJSON.string(value, pretty: pretty) + "\n")
    }
}
