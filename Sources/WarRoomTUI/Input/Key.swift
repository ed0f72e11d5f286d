/// A key press, decoded from the terminal.
public enum Key: Equatable, Sendable {
    case char(Character)
    case ctrl(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    case resize
    /// The terminal is gone (read error or end of input without a SIGHUP,
    /// as under `su` or `setsid`): the screen must end as on a hangup.
    case hangup
}
