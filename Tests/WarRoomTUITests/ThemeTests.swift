import Foundation
import Testing
@testable import WarRoomTUI

@Suite("Themes")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test("every shipped theme parses and names only known roles", arguments: ["default", "light", "high-contrast", "mono"])
    func shipped(_ name: String) throws {
        let theme = try ThemeCatalog.choose(name, environment: ["WARROOM_THEMES": Self.themesDir])
        #expect(theme.name == name)
        #expect(!theme.looks.isEmpty)
        if name != "mono" {
            // Every role a pane uses for meaning has a look of its own.
            for role in [StyleRole.sev1, .stateCritical, .selection, .mention, .overdue, .statusError] {
                #expect(theme.looks[role] != nil, "\(name) lacks \(role)")
            }
        }
    }

    @Test("the mono file says the same as the built-in mono")
    func monoFileMatchesBuiltIn() throws {
        let file = try ThemeCatalog.load(path: Self.themesDir + "/mono.yaml")
        #expect(file.looks == Theme.mono.looks)
        #expect(!file.usesColor)
    }

    @Test("256-colour choices fall back to 8 colours; bright to base")
    func fallbacks() {
        let c = Theme.Color(67, fallback: 4)
        #expect(c.resolved(colors: 256) == 67)
        #expect(c.resolved(colors: 8) == 4)
        #expect(Theme.Color(9).resolved(colors: 16) == 9)
        #expect(Theme.Color(9).resolved(colors: 8) == 1)
        #expect(Theme.Color(-1).resolved(colors: 8) == -1)
    }

    @Test("NO_COLOR forces mono; a missing theme is a clear error", arguments: ["1", "yes"])
    func noColor(_ value: String) throws {
        #expect(try ThemeCatalog.choose("default", environment: ["NO_COLOR": value, "WARROOM_THEMES": Self.themesDir]) == .mono)
        #expect(try ThemeCatalog.choose("default", environment: ["NO_COLOR": "", "WARROOM_THEMES": Self.themesDir]).name == "default")
        #expect(throws: ThemeError.self) { try ThemeCatalog.choose("nosuch", environment: ["WARROOM_THEMES": Self.themesDir]) }
    }

    @Test("bad theme files are refused with the file and the reason", arguments: [
        ("roles: [", "not valid YAML"),
        ("name: x", "missing `roles:`"),
        ("roles:\n  frobnicate: { fg: red }", "unknown role `frobnicate`"),
        ("roles:\n  text: { fg: chartreuse }", "is not a colour name or 0-255"),
        ("roles:\n  text: { fg: 300 }", "is not a colour name or 0-255"),
        ("roles:\n  text: { colour: red }", "unknown key `colour`"),
        ("roles:\n  text: red", "needs a mapping"),
    ])
    func badFiles(_ yaml: String, _ reason: String) {
        #expect {
            try ThemeFile.parse(yaml, source: "bad.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("bad.yaml: ") && text.contains(reason)
        }
    }
}
