#define _XOPEN_SOURCE 700
#include "CNCursesW.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

static struct termios cw_saved_terminal;
static int cw_saved_valid = 0;
static const int cw_fatal_signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
#define CW_FATAL_COUNT (sizeof cw_fatal_signals / sizeof cw_fatal_signals[0])
static struct sigaction cw_previous[CW_FATAL_COUNT];

static void cw_fatal_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (cw_saved_valid) tcsetattr(STDIN_FILENO, TCSANOW, &cw_saved_terminal);
    // Normal screen, cursor shown, attributes off, a fresh line.
    static const char leave[] = "\033[?1049l\033[?25h\033[0m\r\n";
    ssize_t ignored = write(STDOUT_FILENO, leave, sizeof leave - 1);
    (void)ignored;
    for (unsigned i = 0; i < CW_FATAL_COUNT; i++) {
        if (cw_fatal_signals[i] == sig) {
            sigaction(sig, &cw_previous[i], NULL);
            break;
        }
    }
    // A fault (the kernel's si_code > 0) re-executes on return and reaches
    // the previous handler (the Swift backtracer) with its real context.
    if (info != NULL && info->si_code > 0) return;
    // A signal sent with kill or raise: the previous handler may print and
    // return, so the process is ended here, as the signal would end it.
    raise(sig);
    signal(sig, SIG_DFL);
    raise(sig);
    _exit(128 + sig);
}

void cw_install_fatal_restore(void) {
    cw_saved_valid = tcgetattr(STDIN_FILENO, &cw_saved_terminal) == 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = cw_fatal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (unsigned i = 0; i < CW_FATAL_COUNT; i++) {
        sigaction(cw_fatal_signals[i], &action, &cw_previous[i]);
    }
}
