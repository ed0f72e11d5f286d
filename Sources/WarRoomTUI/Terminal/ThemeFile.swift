import Foundation
import WarRoomCore
import Yams

/// Reads a theme from YAML:
///
///     name: default
///     roles:
///       border:    { fg: 67, fallback: blue }
///       selection: { fg: black, bg: 109, bg-fallback: cyan }
///       header:    { reverse: true, bold: true }
///
/// Colours are names (black red green yellow blue magenta cyan white,
/// bright-black … bright-white, default) or numbers 0–255. Every role not
/// named keeps the terminal's default look.
public enum ThemeFile {
    /// Reads the YAML as nodes (`Yams.compose`), not through `Yams.load`:
    /// building `Any` values crashes on a mapping whose key is not a plain
    /// scalar (`[a]: b`), which the theme fuzz test found.
    public static func parse(_ text: String, source: String) throws -> Theme {
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch {
            throw ThemeError("\(source): not valid YAML: \(error)")
        }
        guard let root = document?.mapping else { throw ThemeError("\(source): expected a mapping with name and roles") }
        let name = root["name"]?.string ?? ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        let usesColor = root["color"]?.bool ?? true
        guard let roles = root["roles"]?.mapping else { throw ThemeError("\(source): missing `roles:` mapping") }
        var looks: [StyleRole: Theme.Look] = [:]
        let byName = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ("\($0)", $0) })
        for (keyNode, value) in roles {
            let key = keyNode.string ?? "?"
            guard let role = byName[key] else {
                throw ThemeError("\(source): unknown role `\(TextSanitizer.displayable(key))` (known: \(byName.keys.sorted().joined(separator: ", ")))")
            }
            guard let spec = value.mapping else { throw ThemeError("\(source): role `\(key)` needs a mapping like { fg: red }") }
            looks[role] = try look(spec, role: key, source: source)
        }
        return Theme(name: name, usesColor: usesColor, looks: looks)
    }

    static func look(_ spec: Node.Mapping, role: String, source: String) throws -> Theme.Look {
        let known: Set<String> = ["fg", "bg", "fallback", "bg-fallback", "bold", "reverse"]
        for (key, _) in spec where !known.contains(key.string ?? "") {
            throw ThemeError("\(source): role `\(role)`: unknown key `\(TextSanitizer.displayable(key.string ?? "?"))` (use fg, bg, fallback, bg-fallback, bold, reverse)")
        }
        func color(_ key: String) throws -> Int16? {
            guard let v = spec[key] else { return nil }
            guard let c = colorValue(v) else {
                throw ThemeError("\(source): role `\(role)`: `\(key): \(TextSanitizer.displayable(v.string ?? "?"))` is not a colour name or 0-255")
            }
            return c
        }
        var look = Theme.Look()
        look.fg = Theme.Color(try color("fg") ?? -1, fallback: try color("fallback"))
        look.bg = Theme.Color(try color("bg") ?? -1, fallback: try color("bg-fallback"))
        look.bold = spec["bold"]?.bool ?? false
        look.reverse = spec["reverse"]?.bool ?? false
        return look
    }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func colorValue(_ v: Node) -> Int16? {
        if let n = v.int { return (0...255).contains(n) ? Int16(n) : nil }
        guard v.scalar != nil, let s = v.string?.lowercased() else { return nil }
        if s == "default" { return -1 }
        if let i = names.firstIndex(of: s) { return Int16(i) }
        if s.hasPrefix("bright-"), let i = names.firstIndex(of: String(s.dropFirst(7))) { return Int16(i + 8) }
        return nil
    }
}

public struct ThemeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
