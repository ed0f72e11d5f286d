/// What a cell is, not how it looks: a theme maps each role to colours.
public enum StyleRole: Int, CaseIterable, Sendable {
    case text = 0, dim, border, title, focusBorder, focusTitle, selection, statusBar, statusError, header,
         readOnlyBadge, sev1, sev2, sev3, sev4, stateOK, stateWarning, stateCritical, stateUnknown,
         logError, logWarning, logDebug, mention, highlight, overdue, author1, author2, author3, author4,
         author5, author6, input, help

    /// The author colour for a login: stable, spread over six colours.
    public static func author(_ name: String) -> StyleRole {
        var h: UInt32 = 2_166_136_261
        for b in name.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return [.author1, .author2, .author3, .author4, .author5, .author6][Int(h % 6)]
    }
}
