// The only door from Swift to ncursesw. The wide-character API is hidden
// unless these are defined before <curses.h>, and cSettings do not reach the
// Swift importer, so they live here, inside the header.
#ifndef CNCURSESW_H
#define CNCURSESW_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
// Remembers the terminal's settings as they are now and installs handlers
// for the fatal signals (SIGILL and SIGTRAP from a Swift trap, SIGABRT,
// SIGSEGV, SIGBUS, SIGFPE) that put those settings back and leave the
// alternate screen before the signal goes on to its previous handler (the
// Swift backtracer, or the default). Async-signal-safe: tcsetattr and write
// only. Call it before the terminal is put in raw mode.
void cw_install_fatal_restore(void);

#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
// Remembers the terminal's settings as they are now and installs handlers
// for the fatal signals (SIGILL and SIGTRAP from a Swift trap, SIGABRT,
// SIGSEGV, SIGBUS, SIGFPE) that put those settings back and leave the
// alternate screen before the signal goes on to its previous handler (the
// Swift backtracer, or the default). Async-signal-safe: tcsetattr and write
// only. Call it before the terminal is put in raw mode.
void cw_install_fatal_restore(void);

#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals and macros that Swift 6 cannot read or import directly.
WINDOW *cw_stdscr(void);
int cw_lines(void);
int cw_cols(void);
int cw_colors(void);
int cw_color_pairs(void);

attr_t cw_a_normal(void);
attr_t cw_a_bold(void);
attr_t cw_a_dim(void);
attr_t cw_a_reverse(void);
attr_t cw_a_underline(void);
attr_t cw_a_italic(void);

// Column width of one Unicode scalar as the terminal will draw it
// (-1 for non-printable), from the C library's wcwidth.
int cw_wcwidth(unsigned int scalar);

// Put one cell: a base scalar plus up to 4 combining marks, with attributes
// and a colour pair, at (y, x) of the window.
int cw_put_cell(WINDOW *win, int y, int x, const unsigned int *scalars, int count, attr_t attrs, short pair);

// Remembers the terminal's settings as they are now and installs handlers
// for the fatal signals (SIGILL and SIGTRAP from a Swift trap, SIGABRT,
// SIGSEGV, SIGBUS, SIGFPE) that put those settings back and leave the
// alternate screen before the signal goes on to its previous handler (the
// Swift backtracer, or the default). Async-signal-safe: tcsetattr and write
// only. Call it before the terminal is put in raw mode.
void cw_install_fatal_restore(void);

#endif
