import Foundation
import Testing
import WarRoomCore
@testable import WarRoomTUI

@Suite("Theme files under fuzzing")
struct ThemeFuzzTests {
    @Test("2,000 seeded mutations of the shipped themes: a theme or a ThemeError naming the file, never a crash")
    func themes() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Themes")
        let corpus = try ["default", "light", "high-contrast", "mono"].map { Array(try Data(contentsOf: dir.appendingPathComponent("\($0).yaml"))) }
        var rng = SeededGenerator(seed: 6)
        var parsed = 0, refused = 0
        for _ in 0..<2000 {
            var bytes = corpus[Int(rng.next() % 4)]
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.insert(contentsOf: [[0x3A], [0x7B], [0x2D, 0x20], [0x0A, 0x20], [0xFF], [0x26, 0x61]][Int(rng.next() % 6)], at: at)
                case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 12)))
                default: bytes = Array(bytes.prefix(at))
                }
            }
            do {
                _ = try ThemeFile.parse(String(decoding: bytes, as: UTF8.self), source: "fuzz.yaml")
                parsed += 1
            } catch let error as ThemeError {
                #expect(error.description.hasPrefix("fuzz.yaml: "), "\(error)")
                refused += 1
            }
        }
        #expect(parsed > 100 && refused > 100, "\(parsed) parsed, \(refused) refused")
    }
}
