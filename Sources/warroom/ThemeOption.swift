import ArgumentParser
import Foundation
import WarRoomTUI

/// `--theme`, for the commands that open a screen.
struct ThemeOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "default, light, high-contrast, mono, or a path to a theme file (default: $WARROOM_THEME, else the config's theme, else default; NO_COLOR forces mono).",
        valueName: "name"))
    var theme: String?

    /// `configured` is the config file's `theme:`, used when neither the
    /// flag nor $WARROOM_THEME names one.
    func load(configured: String? = nil) throws -> Theme {
        let environment = ProcessInfo.processInfo.environment["WARROOM_THEME"] ?? ""
        do { return try ThemeCatalog.choose(theme ?? (environment.isEmpty ? configured : nil)) } catch let error as ThemeError {
            throw ValidationError(error.description)
        }
    }
}
