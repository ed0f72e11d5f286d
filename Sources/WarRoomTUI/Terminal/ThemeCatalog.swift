import Foundation

/// Where themes are found, by name or path: `--theme NAME|PATH`, else
/// `$WARROOM_THEME`, else `default`. Names are looked up as NAME.yaml in
/// `$WARROOM_THEMES`, `~/.config/warroom/themes`, `/etc/warroom/themes`,
/// `/usr/share/warroom/themes`, `<binary>/../share/warroom/themes`, and the
/// source tree's `Themes/` above the binary (for `swift run`). A non-empty
/// `NO_COLOR` forces `mono`, which needs no file.
public enum ThemeCatalog {
    public static func directories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var dirs: [String] = []
        if let d = environment["WARROOM_THEMES"], !d.isEmpty { dirs.append(d) }
        if let home = environment["HOME"] { dirs.append(home + "/.config/warroom/themes") }
        dirs += ["/etc/warroom/themes", "/usr/share/warroom/themes"]
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        dirs.append(dir.appendingPathComponent("../share/warroom/themes").standardized.path)
        for _ in 0..<5 {
            dir = dir.deletingLastPathComponent()
            dirs.append(dir.appendingPathComponent("Themes").path)
        }
        return dirs
    }

    /// The theme to use. Throws a one-line error naming what was looked for.
    public static func choose(_ requested: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .mono }
        let name = requested ?? environment["WARROOM_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if name == "mono" { return .mono }
        if name.contains("/") {
            return try load(path: name)
        }
        for dir in directories(environment: environment) {
            let path = dir + "/" + name + ".yaml"
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        if requested == nil, name == "default" { return .mono }  // a lone binary still works
        throw ThemeError("no theme `\(name)`; looked for \(name).yaml in: \(directories(environment: environment).joined(separator: ", "))")
    }

    public static func load(path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else { throw ThemeError("cannot read theme file \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw ThemeError("\(path) is not UTF-8 text") }
        return try ThemeFile.parse(text, source: path)
    }
}
