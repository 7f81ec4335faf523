/* Text kernels over CPython's PEP 393 string storage (1, 2 or 4 bytes per code point).
 *
 * Nothing here copies the completion: every function reads the str's own buffer and
 * reports positions in code points, so Python can slice (or not) as it likes.
 * Every loop is linear in the text length (times the marker length, a constant). */
#ifndef RLVE_TEXT_H
#define RLVE_TEXT_H

#include <Python.h>

/* First index >= from where needle[0:m] occurs in the text, or -1. */
Py_ssize_t rlve_find(const void *data, int kind, Py_ssize_t n, Py_ssize_t from,
                     const Py_UCS4 *needle, Py_ssize_t m);

/* Upstream's answer extraction.
 * 1. If "Assistant:" occurs, only the text after its first occurrence counts; otherwise the
 *    same for "<|im_start|>assistant".
 * 2. Scan left to right for non-overlapping shortest matches of START(.*?)END (DOTALL)
 *    and keep the last one.
 * Returns 1 and stores the answer span [*a, *b) when a match exists, 0 otherwise. */
int rlve_extract(const void *data, int kind, Py_ssize_t n,
                 const Py_UCS4 *start, Py_ssize_t ls,
                 const Py_UCS4 *end, Py_ssize_t le,
                 Py_ssize_t *a, Py_ssize_t *b);

/* str.isspace() for one code point (the set str.split() and str.strip() use). */
static inline int rlve_is_space(Py_UCS4 c) {
    if (c < 128) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }
    return Py_UNICODE_ISSPACE(c);
}

/* str.splitlines() boundaries (every one of them is also whitespace). */
static inline int rlve_is_linebreak(Py_UCS4 c) {
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
           c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static inline Py_UCS4 rlve_read(const void *data, int kind, Py_ssize_t i) {
    return PyUnicode_READ(kind, data, i);
}

#endif
