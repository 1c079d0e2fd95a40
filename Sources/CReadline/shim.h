#ifndef CREADLINE_SHIM_H
#define CREADLINE_SHIM_H
// Older readline (and libedit) headers use FILE without including <stdio.h>; Debian's 8.2
// includes it itself. Harmless either way.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// RL_ISSTATE is a macro with an expression body, which Swift cannot import.
static inline int casesim_rl_is_reading(void) {
    return (rl_readline_state & RL_STATE_READCMD) != 0;
}
#endif
