import ArgumentParser
import WarRoomTUI

/// `--theme`, for the commands that open a screen.
struct ThemeOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "default, light, high-contrast, mono, or a path to a theme file (default: $WARROOM_THEME, else default; NO_COLOR forces mono).",
        valueName: "name"))
    var theme: String?

    func load() throws -> Theme {
        do { return try ThemeCatalog.choose(theme) } catch let error as ThemeError {
            throw ValidationError(error.description)
        }
    }
}
