import Foundation
import WarRoomCore

/// Seeded mutations of real inputs, for fuzzing the parsers: the same seed
/// gives the same inputs on every run, so a failure can be replayed.
struct Mutator {
    var rng: SeededGenerator
    let corpus: [[UInt8]]

    init(seed: UInt64, corpus: [Data]) {
        rng = SeededGenerator(seed: seed)
        self.corpus = corpus.map { Array($0) }
    }

    /// Bytes that break parsers and terminals: quotes, brackets, escapes,
    /// NUL, ESC, C1, invalid UTF-8 lead bytes, a bidi override, newlines.
    static let nasty: [[UInt8]] = [
        [0x22], [0x7B], [0x7D], [0x5B], [0x5D], [0x2C], [0x3A], [0x5C], [0x00], [0x1B, 0x5B, 0x32, 0x4A], [0x1B, 0x5D, 0x30, 0x3B],
        [0xC2, 0x9B], [0xFF], [0xC3], [0xE2, 0x80, 0xAE], [0x0A], [0x0D], [0x7C], [0x3B], [0x3D], [0x27], [0x2D, 0x20],
        Array("9999999999999999999999".utf8), Array("-1".utf8), Array("null".utf8), Array("1e999".utf8), Array("&anchor *anchor".utf8),
    ]

    mutating func next() -> [UInt8] {
        var bytes = corpus[Int(rng.next() % UInt64(corpus.count))]
        let rounds = 1 + Int(rng.next() % 6)
        for _ in 0..<rounds {
            let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 7 {
            case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: bytes.insert(contentsOf: Self.nasty[Int(rng.next() % UInt64(Self.nasty.count))], at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 16)))
            case 3 where !bytes.isEmpty:
                let piece = Array(bytes[at..<min(bytes.count, at + 1 + Int(rng.next() % 64))])
                bytes.insert(contentsOf: piece, at: Int(rng.next() % UInt64(bytes.count)))
            case 4: bytes = Array(bytes.prefix(at))
            case 5:
                let other = corpus[Int(rng.next() % UInt64(corpus.count))]
                let from = other.isEmpty ? 0 : Int(rng.next() % UInt64(other.count))
                bytes.insert(contentsOf: other[from..<min(other.count, from + 200)], at: at)
            default:
                bytes.insert(contentsOf: Array(repeating: bytes.isEmpty ? 0x7B : bytes[at], count: 1 + Int(rng.next() % 2000)), at: at)
            }
        }
        return bytes
    }
}
