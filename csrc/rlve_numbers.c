#include <math.h>
#include "rlve_numbers.h"

int rlve_token_int64(const void *data, int kind, Py_ssize_t a, Py_ssize_t b, int64_t *out) {
    Py_ssize_t i = a;
    int negative = 0;
    if (i < b) {
        Py_UCS4 c = rlve_read(data, kind, i);
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
    }
    if (i == b) return RLVE_INT_INVALID;
    int64_t value = 0;
    int digits = 0;
    for (; i < b; i++) {
        Py_UCS4 c = rlve_read(data, kind, i);
        if (c >= '0' && c <= '9') {
            if (digits == 18) return RLVE_INT_SLOW; /* may not fit: let int() decide */
            value = value * 10 + (int64_t)(c - '0');
            digits++;
        } else if (c == '_' || c >= 128) {
            return RLVE_INT_SLOW; /* digit separators, Unicode digits: int()'s call */
        } else {
            return RLVE_INT_INVALID; /* an ASCII character int() never accepts here */
        }
    }
    *out = negative ? -value : value;
    return RLVE_INT_OK;
}

int rlve_next_token(const void *data, int kind, Py_ssize_t *pos, Py_ssize_t end,
                    Py_ssize_t *ta, Py_ssize_t *tb, int *line_break) {
    Py_ssize_t i = *pos;
    while (i < end) {
        Py_UCS4 c = rlve_read(data, kind, i);
        if (!rlve_is_space(c)) break;
        if (rlve_is_linebreak(c)) *line_break = 1;
        i++;
    }
    if (i >= end) {
        *pos = end;
        return 0;
    }
    *ta = i;
    while (i < end && !rlve_is_space(rlve_read(data, kind, i))) i++;
    *tb = i;
    *pos = i;
    return 1;
}

int rlve_py_pow(double x, double y, double *out) {
    if (y == 0.0) { *out = 1.0; return 0; }
    if (x == 0.0 && y < 0.0) return -1;                 /* ZeroDivisionError */
    if (x < 0.0 && isfinite(x) && isfinite(y) && floor(y) != y) return 1; /* complex in Python */
    *out = pow(x, y);
    return 0;
}
