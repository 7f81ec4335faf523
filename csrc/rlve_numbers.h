/* Integer tokens with Python int() semantics: a fast path for plain ASCII tokens, and a
 * verdict of "slow" for everything int() must judge itself (Unicode digits, '_', more
 * than 18 digits).  The caller then calls int() on that token alone, so the result is
 * exact and the total work stays linear in the text length. */
#ifndef RLVE_NUMBERS_H
#define RLVE_NUMBERS_H

#include <stdint.h>
#include "rlve_text.h"

enum { RLVE_INT_OK = 0, RLVE_INT_INVALID = 1, RLVE_INT_SLOW = 2 };

/* Classify the token [a, b) (no whitespace inside) and, when RLVE_INT_OK, store its value. */
int rlve_token_int64(const void *data, int kind, Py_ssize_t a, Py_ssize_t b, int64_t *out);

/* str.split() one token at a time: find the next token in [*pos, end), store it in
 * [*ta, *tb), advance *pos past it. *line_break is set to 1 when a str.splitlines()
 * boundary was crossed before the token (it is left alone otherwise).
 * Returns 0 when no token is left. */
int rlve_next_token(const void *data, int kind, Py_ssize_t *pos, Py_ssize_t end,
                    Py_ssize_t *ta, Py_ssize_t *tb, int *line_break);

/* Python's float ** float for the cases rewards use: returns 0 and stores x ** y; returns
 * -1 where Python raises (0 ** negative) and 1 where Python's result is complex
 * (negative ** fractional), which only Python can carry on with. */
int rlve_py_pow(double x, double y, double *out);

#endif
