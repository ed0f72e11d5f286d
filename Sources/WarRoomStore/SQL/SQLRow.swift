/// One row of a result: values by position, and by column name through an
/// index the whole result shares (names are looked up once per result, not
/// once per row).
public struct SQLRow: Sendable {
    public final class Columns: Sendable {
        public let names: [String]
        let positions: [String: Int]

        public init(_ names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (i, name) in names.enumerated() where positions[name] == nil { positions[name] = i }
            self.positions = positions
        }

        public func position(_ name: String) -> Int? { positions[name] }
    }

    public let columns: Columns
    public let values: [SQLValue]

    public init(columns: Columns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public func value(_ name: String) -> SQLValue {
        guard let i = columns.position(name) else {
            preconditionFailure("no column \(name) in \(columns.names)")
        }
        return values[i]
    }

    public subscript<T: SQLDecodable>(_ name: String) -> T { T.decode(value(name)) }
    public subscript<T: SQLDecodable>(_ position: Int) -> T { T.decode(values[position]) }
}
