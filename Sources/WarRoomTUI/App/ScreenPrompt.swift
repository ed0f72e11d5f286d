/// A question asked on the status line (search term, silence duration,
/// alert filter): its editor, and what to do with the answer.
struct ScreenPrompt {
    var label: String
    var editor = LineEditor()
    var answer: (String) -> Void
    /// The search prompt keeps its editor, for ↑ to recall earlier terms,
    /// and Esc on it clears the search.
    var isSearch = false
    /// Why the last answer was refused (a bad matcher), shown before
    /// the label while the SRE fixes the text.
    var problem: String?
}
