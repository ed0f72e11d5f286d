import Foundation
import WarRoomModel

/// One value crossing the seam between the store and a backend: what a
/// query binds and what a row holds. Both SQLite and PostgreSQL map onto
/// these four (times are integer milliseconds, booleans are 0/1, JSON is
/// text), so the store's SQL and its decoding are written once.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

/// A Swift value that can be bound as a query argument.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that a row's column can be read as.
public protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public static func decode(_ value: SQLValue) -> Int64 {
        switch value {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v.rounded()) ?? 0
        case .text(let t): return Int64(t) ?? 0
        case .null: return 0
        }
    }
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func decode(_ value: SQLValue) -> Int { Int(truncatingIfNeeded: Int64.decode(value)) }
}

extension Int32: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .real(self) }
    public static func decode(_ value: SQLValue) -> Double {
        switch value {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text(let t): return Double(t) ?? 0
        case .null: return 0
        }
    }
}

extension Bool: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func decode(_ value: SQLValue) -> Bool { Int64.decode(value) != 0 }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public static func decode(_ value: SQLValue) -> String {
        switch value {
        case .text(let t): return t
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .null: return ""
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Wrapped? { value.isNull ? nil : Wrapped.decode(value) }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}

/// Query arguments, written as an array literal of mixed types as GRDB's
/// were: `[title, severity.rawValue, nil, now.millis]`.
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init(_ values: [SQLValue] = []) { self.values = values }

    public init(arrayLiteral elements: (any SQLBindable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    public mutating func append(_ value: (any SQLBindable)?) { values.append(value?.sqlValue ?? .null) }
}
