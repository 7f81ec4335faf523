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

#if defined(__SSE2__)
#include <emmintrin.h>
#define RLVE_HAVE_SSE2 1
#endif

/* Memchr (vectorised) to the next candidate first byte, then compare the rest. */
static Py_ssize_t find_ucs1_memchr(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t from,
                                   const unsigned char *nd, Py_ssize_t m) {
    Py_ssize_t last = n - m;
    Py_ssize_t i = from;
    while (i <= last) {
        const unsigned char *p = memchr(s + i, nd[0], (size_t)(last - i + 1));
        if (!p) return -1;
        i = p - s;
        if (memcmp(s + i + 1, nd + 1, (size_t)(m - 1)) == 0) return i;
        i++;
    }
    return -1;
}

#ifdef RLVE_HAVE_SSE2
/* Candidates where both the needle's first and last byte match, 16 positions at a time
 * (the "generic SIMD" substring search): a completion's many '<' or 'A' bytes cost nothing
 * unless the byte m-1 further on matches too, where a memchr loop stopped at each of them.
 * Needs m >= 2. Worst case O(n * m). */
static Py_ssize_t find_ucs1_sse2(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t from,
                                 const unsigned char *nd, Py_ssize_t m) {
    const __m128i first = _mm_set1_epi8((char)nd[0]);
    const __m128i final = _mm_set1_epi8((char)nd[m - 1]);
    Py_ssize_t last = n - m; /* the last possible start */
    Py_ssize_t i = from;
    for (; i + 15 <= last; i += 16) {
        __m128i head = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i tail = _mm_loadu_si128((const __m128i *)(s + i + m - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(head, first), _mm_cmpeq_epi8(tail, final)));
        while (mask) {
            /* compared inline: a call (memcmp) would clobber the vector registers and
               make the compiler keep the loop's vectors on the stack */
            Py_ssize_t at = i + __builtin_ctz(mask), j = 1;
            while (j < m - 1 && s[at + j] == nd[j]) j++;
            if (j >= m - 1) return at;
            mask &= mask - 1;
        }
    }
    for (; i <= last; i++)
        if (s[i] == nd[0] && s[i + m - 1] == nd[m - 1] && memcmp(s + i + 1, nd + 1, (size_t)(m - 2)) == 0)
            return i;
    return -1;
}
#endif

#define RLVE_SHORT_NEEDLE 64
#ifndef RLVE_LONG_TEXT
#define RLVE_LONG_TEXT 256
#endif

/* First index >= from of the byte needle nd[0:m] (1 <= m <= RLVE_SHORT_NEEDLE) in s[0:n]. */
static inline Py_ssize_t find_bytes(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t from,
                                    const unsigned char *nd, Py_ssize_t m) {
    if (from > n - m) return -1;
    if (m == 1) {
        const unsigned char *p = memchr(s + from, nd[0], (size_t)(n - from));
        return p ? p - s : -1;
    }
#ifdef RLVE_HAVE_SSE2
    /* memchr (the C library's widest vector loop) wins on long stretches without the first
       byte; on completion-sized texts its per-call cost and stops dominate instead */
    if (n - from < RLVE_LONG_TEXT) return find_ucs1_sse2(s, n, from, nd, m);
#endif
    return find_ucs1_memchr(s, n, from, nd, m);
}

/* The needle as bytes when every code point fits one (else it cannot occur in one-byte
 * text): 1, or 0 when it cannot occur, or -1 when it is too long for the fast path. */
static int needle_bytes(const Py_UCS4 *nd, Py_ssize_t m, unsigned char *out) {
    if (m > RLVE_SHORT_NEEDLE) return -1;
    for (Py_ssize_t j = 0; j < m; j++) {
        if (nd[j] > 0xff) return 0;
        out[j] = (unsigned char)nd[j];
    }
    return 1;
}

static Py_ssize_t find_ucs1(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t from,
                            const Py_UCS4 *nd, Py_ssize_t m) {
    unsigned char bytes[RLVE_SHORT_NEEDLE];
    int usable = needle_bytes(nd, m, bytes);
    if (usable == 0) return -1; /* cannot occur in one-byte text */
    if (usable > 0) return find_bytes(s, n, from, bytes, m);
    /* a marker this long is rare: compare it in place */
    Py_ssize_t last = n - m;
    for (Py_ssize_t i = from; i <= last; i++) {
        Py_ssize_t j = 0;
        while (j < m && s[i + j] == nd[j]) j++;
        if (j == m) return i;
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
static const Py_UCS4 IM_START_ASSISTANT[] = {'<', '|', 'i', 'm', '_', 's', 't', 'a', 'r', 't', '|',
                                             '>', 'a', 's', 's', 'i', 's', 't', 'a', 'n', 't'};
#define IM_START_ASSISTANT_LENGTH 21 /* "<|im_start|>assistant" */

static const unsigned char ASSISTANT_BYTES[] = "Assistant:";
static const unsigned char IM_START_ASSISTANT_BYTES[] = "<|im_start|>assistant";

/* Where the model's part starts (after the first "Assistant:", else after the first
 * "<|im_start|>assistant", else 0), both prefixes looked for in one pass: 16 positions at a
 * time are skipped while none can start either prefix (checked on two or three of its
 * bytes); from the first block that might, the two exact searches finish the job. */
#ifdef RLVE_HAVE_SSE2
/* The first multiple of 16 from which either chat prefix might start (checked on two or
 * three of its bytes, 16 positions at a time), or where too few bytes remain to tell. */
static Py_ssize_t skip_to_chat_prefix(const Py_UCS1 *s, Py_ssize_t n) {
    const __m128i a_ = _mm_set1_epi8('A'), colon = _mm_set1_epi8(':');
    const __m128i lt = _mm_set1_epi8('<'), bar = _mm_set1_epi8('|'), t_ = _mm_set1_epi8('t');
    Py_ssize_t i = 0;
    for (; i + 16 + IM_START_ASSISTANT_LENGTH <= n; i += 16) {
        __m128i at0 = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i at1 = _mm_loadu_si128((const __m128i *)(s + i + 1));
        __m128i at9 = _mm_loadu_si128((const __m128i *)(s + i + 9));
        __m128i at20 = _mm_loadu_si128((const __m128i *)(s + i + 20));
        __m128i assistant = _mm_and_si128(_mm_cmpeq_epi8(at0, a_), _mm_cmpeq_epi8(at9, colon));
        __m128i im_start = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(at0, lt), _mm_cmpeq_epi8(at1, bar)),
                                         _mm_cmpeq_epi8(at20, t_));
        if (_mm_movemask_epi8(_mm_or_si128(assistant, im_start))) break;
    }
    return i;
}
#endif

/* Where the model's part starts (after the first "Assistant:", else after the first
 * "<|im_start|>assistant", else 0). On completion-sized texts both prefixes are first looked
 * for in one pass; the two exact searches then start from the first block that might hold
 * one (on long texts, from the start: they run on memchr there). */
static Py_ssize_t chat_cut_ucs1(const Py_UCS1 *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
#ifdef RLVE_HAVE_SSE2
    if (n < RLVE_LONG_TEXT) i = skip_to_chat_prefix(s, n);
#endif
    Py_ssize_t pos = find_bytes(s, n, i, ASSISTANT_BYTES, 10);
    if (pos >= 0) return pos + 10;
    pos = find_bytes(s, n, i, IM_START_ASSISTANT_BYTES, IM_START_ASSISTANT_LENGTH);
    return pos >= 0 ? pos + IM_START_ASSISTANT_LENGTH : 0;
}

/* rlve_extract on one-byte text with both markers already as bytes (1 <= length <= 64):
 * the same steps, without converting the needles at each search (most completions are
 * short, where that set-up cost more than the scan). */
static int extract_ucs1(const Py_UCS1 *s, Py_ssize_t n,
                        const unsigned char *start, Py_ssize_t ls,
                        const unsigned char *end, Py_ssize_t le,
                        Py_ssize_t *a, Py_ssize_t *b) {
    Py_ssize_t pos = chat_cut_ucs1(s, n);
    int found = 0;
    for (;;) {
        Py_ssize_t p = find_bytes(s, n, pos, start, ls);
        if (p < 0) break;
        Py_ssize_t q = find_bytes(s, n, p + ls, end, le);
        if (q < 0) break; /* no END after this START: none after a later one either */
        *a = p + ls;
        *b = q;
        found = 1;
        pos = q + le;
    }
    return found;
}

int rlve_extract(const void *data, int kind, Py_ssize_t n,
                 const Py_UCS4 *start, Py_ssize_t ls,
                 const Py_UCS4 *end, Py_ssize_t le,
                 Py_ssize_t *a, Py_ssize_t *b) {
    if (kind == PyUnicode_1BYTE_KIND && ls > 0 && le > 0) {
        unsigned char start_bytes[RLVE_SHORT_NEEDLE], end_bytes[RLVE_SHORT_NEEDLE];
        int start_ok = needle_bytes(start, ls, start_bytes), end_ok = needle_bytes(end, le, end_bytes);
        if (start_ok == 0 || end_ok == 0) return 0; /* a marker that cannot occur: no match */
        if (start_ok > 0 && end_ok > 0)
            return extract_ucs1((const Py_UCS1 *)data, n, start_bytes, ls, end_bytes, le, a, b);
    }
    Py_ssize_t pos = rlve_find(data, kind, n, 0, ASSISTANT, 10);
    if (pos >= 0) {
        pos += 10;
    } else {
        pos = rlve_find(data, kind, n, 0, IM_START_ASSISTANT, IM_START_ASSISTANT_LENGTH);
        pos = pos >= 0 ? pos + IM_START_ASSISTANT_LENGTH : 0;
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
