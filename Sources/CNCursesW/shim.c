#define _XOPEN_SOURCE 700
#include "CNCursesW.h"

WINDOW *cw_stdscr(void) { return stdscr; }
int cw_lines(void) { return LINES; }
int cw_cols(void) { return COLS; }
int cw_colors(void) { return COLORS; }
int cw_color_pairs(void) { return COLOR_PAIRS; }

attr_t cw_a_normal(void) { return A_NORMAL; }
attr_t cw_a_bold(void) { return A_BOLD; }
attr_t cw_a_dim(void) { return A_DIM; }
attr_t cw_a_reverse(void) { return A_REVERSE; }
attr_t cw_a_underline(void) { return A_UNDERLINE; }
attr_t cw_a_italic(void) { return A_ITALIC; }

int cw_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

int cw_put_cell(WINDOW *win, int y, int x, const unsigned int *scalars, int count, attr_t attrs, short pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = (wchar_t)scalars[i];
    text[n] = 0;
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}
