import Foundation
import WarRoomCore

/// JSON as scripts want it: ISO 8601 times in UTC, sorted keys.
enum JSONOutput {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(TimeText.iso8601(date))
        }
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func print<T: Encodable>(_ value: T, pretty: Bool = true) throws {
        let data = try encoder(pretty: pretty).encode(value)
        Output.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
