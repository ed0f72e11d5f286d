/// Turns the bytes a terminal sends into characters, one byte at a time,
/// so that a bad byte costs one U+FFFD and nothing after it: the terminal
/// layer reads bytes and asks for the next one only while a character is
/// incomplete. (ncurses' own `wget_wch` gave up on an invalid byte and the
/// rest of that burst was lost.)
public struct UTF8InputDecoder: Sendable {
    private var pending: [UInt8] = []
    private var expected = 0

    public init() {}

    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether a character is half-read and more bytes should follow.
    public var isIncomplete: Bool { !pending.isEmpty }

    /// Feeds one byte; returns the characters it completed (none, one, or a
    /// U+FFFD for a broken sequence followed by what the byte starts).
    public mutating func feed(_ byte: UInt8) -> [Unicode.Scalar] {
        if !pending.isEmpty {
            if byte & 0xC0 == 0x80 {
                pending.append(byte)
                guard pending.count == expected else { return [] }
                defer { pending = [] }
                return [Self.decode(pending) ?? Self.replacement]
            }
            // A sequence cut short: one replacement, then this byte afresh.
            pending = []
            return [Self.replacement] + feed(byte)
        }
        switch byte {
        case 0x00...0x7F: return [Unicode.Scalar(byte)]
        case 0xC2...0xDF: expected = 2
        case 0xE0...0xEF: expected = 3
        case 0xF0...0xF4: expected = 4
        default: return [Self.replacement]  // a stray continuation, C0, C1, F5–FF
        }
        pending = [byte]
        return []
    }

    /// Ends an incomplete character (no more bytes came): a U+FFFD.
    public mutating func flush() -> [Unicode.Scalar] {
        guard !pending.isEmpty else { return [] }
        pending = []
        return [Self.replacement]
    }

    /// Bytes of one whole sequence; nil for overlong forms and surrogates.
    private static func decode(_ bytes: [UInt8]) -> Unicode.Scalar? {
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        guard case .valid(let encoded) = decoder.parseScalar(from: &iterator) else { return nil }
        return Unicode.UTF8.decode(encoded)
    }
}
