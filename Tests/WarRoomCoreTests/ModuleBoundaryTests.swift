import Foundation
import Testing

/// The store seam, kept by a check rather than by discipline: SwiftPM lets
/// a target import any module its dependencies pull in, so nothing in the
/// build stops `import GRDB` in a pane. This reads the sources instead.
@Suite("Module boundaries")
struct ModuleBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Every `import X` line of every Swift file under a module's folder.
    static func imports(of module: String) throws -> [(file: String, module: String)] {
        let root = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [(String, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if let i = words.firstIndex(where: { $0 == "import" }), i + 1 < words.count,
                   words[..<i].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" }) {
                    found.append((module + "/" + file, String(words[i + 1])))
                }
            }
        }
        return found
    }

    static let modules = ["WarRoomModel", "WarRoomStore", "WarRoomSQLite", "WarRoomPostgres", "WarRoomCore", "WarRoomTUI", "warroom", "warroom-bench"]
    static let system: Set<String> = ["Foundation", "Glibc", "Dispatch", "FoundationNetworking"]

    @Test("only the SQLite backend imports GRDB")
    func grdbStaysInTheBackend() throws {
        #expect(FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent("WarRoomSQLite").path))
        for module in Self.modules where module != "WarRoomSQLite" {
            let offending = try Self.imports(of: module).filter { $0.module.hasPrefix("GRDB") }
            #expect(offending.isEmpty, "\(offending.map(\.file))")
        }
    }

    @Test("only the PostgreSQL backend imports libpq")
    func libpqStaysInTheBackend() throws {
        #expect(!(try Self.imports(of: "WarRoomPostgres")).filter { $0.module == "CLibPQ" }.isEmpty)
        for module in Self.modules where module != "WarRoomPostgres" {
            let offending = try Self.imports(of: module).filter { $0.module == "CLibPQ" }
            #expect(offending.isEmpty, "\(offending.map(\.file))")
        }
    }

    @Test("the model imports nothing of ours; the store only the model; backends only the store")
    func layers() throws {
        let allowed: [String: Set<String>] = [
            "WarRoomModel": Self.system,
            "WarRoomStore": Self.system.union(["WarRoomModel"]),
            "WarRoomSQLite": Self.system.union(["WarRoomModel", "WarRoomStore", "GRDB", "GRDBSQLite"]),
            "WarRoomPostgres": Self.system.union(["WarRoomModel", "WarRoomStore", "CLibPQ"]),
            "WarRoomTUI": Self.system.union(["WarRoomCore", "CNCursesW", "Yams"]),
        ]
        for (module, ok) in allowed {
            let imports = try Self.imports(of: module)
            #expect(!imports.isEmpty, "\(module) has sources")
            let stray = imports.filter { !ok.contains($0.module) }
            #expect(stray.isEmpty, "\(module): \(stray.map { "\($0.file) imports \($0.module)" })")
        }
    }
}
