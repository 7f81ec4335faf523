#define _GNU_SOURCE
#include <string.h>
#include "rlve_text.h"

/* One search loop per storage width; the first code point is scanned with a tight loop
 * (memchr for one-byte text), then the rest of the needle is compared. */
#define RLVE_DEFINE_FIND(NAME, T)                                                        \
    static Py_ssize_t NAME(const T *s, Py_ssize_t n, Py_ssize_t from,                  \
                           const Py_UCS4 *nd, Py_ssize_t m) {                           \
        Py_ssize_t last = n - m;                                                         \
        Py_UCS4 c0 = nd[0];                                                              \
        for (Py_ssize_t i = from; i <= last; i++) {                                      \
            if ((Py_UCS4)s[i] != c0) continue;                                           \
            Py_ssize_t j = 1;                                                            \
            while (j < m && (Py_UCS4)s[i + j] == nd[j]) j++;                             \
            if (j == m) return i;                                                        \
        }                                                                                \
        return -1;                                                                       \
    }

RLVE_DEFINE_FIND(find_ucs2, Py_UCS2)
RLVE_DEFINE_FIND(find_ucs4, Py_UCS4)

static Py_ssize_t find_ucs1(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t from,
                            const Py_UCS4 *nd, Py_ssize_t m) {
    for (Py_ssize_t j = 0; j < m; j++)
        if (nd[j] > 0xff) return -1; /* cannot occur in one-byte text */
    /* memchr (vectorised) to the next candidate first byte, then compare the rest: on
     * completions this beats memmem, whose set-up dominates on short texts. Worst case
     * O(n * m), with m the marker length. */
    const unsigned char c0 = (unsigned char)nd[0];
    Py_ssize_t last = n - m;
    Py_ssize_t i = from;
    while (i <= last) {
        const unsigned char *p = memchr(s + i, c0, (size_t)(last - i + 1));
        if (!p) return -1;
        i = p - s;
        Py_ssize_t j = 1;
        while (j < m && s[i + j] == nd[j]) j++;
        if (j == m) return i;
        i++;
    }
    return -1;
}

Py_ssize_t rlve_find(const void *data, int kind, Py_ssize_t n, Py_ssize_t from,
                     const Py_UCS4 *needle, Py_ssize_t m) {
    if (from < 0) from = 0;
    if (m == 0) return from <= n ? from : -1;
    if (from > n - m) return -1;
    switch (kind) {
    case PyUnicode_1BYTE_KIND: return find_ucs1((const Py_UCS1 *)data, n, from, needle, m);
    case PyUnicode_2BYTE_KIND: return find_ucs2((const Py_UCS2 *)data, n, from, needle, m);
    default: return find_ucs4((const Py_UCS4 *)data, n, from, needle, m);
    }
}

static const Py_UCS4 ASSISTANT[] = {'A', 's', 's', 'i', 's', 't', 'a', 'n', 't', ':'};
static const Py_UCS4 IM_START_ASSISTANT[] = {'<', '|', 'i', 'm', '_', 's', 't', 'a', 'r', 't',
                                             '|', 'a', 's', 's', 'i', 's', 't', 'a', 'n', 't'};

int rlve_extract(const void *data, int kind, Py_ssize_t n,
                 const Py_UCS4 *start, Py_ssize_t ls,
                 const Py_UCS4 *end, Py_ssize_t le,
                 Py_ssize_t *a, Py_ssize_t *b) {
    Py_ssize_t pos = rlve_find(data, kind, n, 0, ASSISTANT, 10);
    if (pos >= 0) {
        pos += 10;
    } else {
        pos = rlve_find(data, kind, n, 0, IM_START_ASSISTANT, 20);
        pos = pos >= 0 ? pos + 20 : 0;
    }
    if (ls == 0 && le == 0) {
        /* "(.*?)" matches the empty string everywhere; the last match sits at the end. */
        *a = *b = n;
        return 1;
    }
    int found = 0;
    for (;;) {
        Py_ssize_t p = rlve_find(data, kind, n, pos, start, ls);
        if (p < 0) break;
        Py_ssize_t q = rlve_find(data, kind, n, p + ls, end, le);
        /* No END after this START means none after any later START either. */
        if (q < 0) break;
        *a = p + ls;
        *b = q;
        found = 1;
        pos = q + le;
    }
    return found;
}
