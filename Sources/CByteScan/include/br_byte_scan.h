#ifndef BR_BYTE_SCAN_H
#define BR_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Classifies `blocks` 64-byte blocks at `bytes`: bit i of `digits[k]` is set when byte
/// 64k + i is an ASCII digit, of `separators[k]` when it is `-`, `.`, `/` or a space, of
/// `spaces[k]` when it is a space (a run with one may be values written one space apart).
///
/// Why C: Swift has no movemask, so its SIMD compares cannot become bit masks cheaply; this
/// is the one step of the numeric scan that needs it (AVX2 where the CPU has it, portable
/// code else).
void br_digit_masks(const uint8_t *bytes, size_t blocks, uint64_t *digits, uint64_t *separators,
                    uint64_t *spaces);

/// Makes `br_digit_masks` and `br_count_byte` use the portable code even where AVX2 exists, so
/// tests check both on one machine. Threads scanning meanwhile switch code, not results: both
/// give the same answers.
void br_byte_scan_force_portable(int on);

/// How many of the `n` bytes at `bytes` equal `byte`: every byte of a text file is counted for
/// its newlines (line numbers), so this runs over all the data a scan reads, 64 bytes a step
/// with AVX2 (Swift's SIMD types stop at the 16-byte compares of the baseline target).
size_t br_count_byte(const uint8_t *bytes, size_t n, uint8_t byte);

/// The offset of the last `byte` among the `n` bytes at `bytes`, or -1: `memrchr` where the C
/// library has it (Swift's Glibc module does not export it), a loop elsewhere.
long br_last_index(const uint8_t *bytes, size_t n, uint8_t byte);

/// Asks the CPU to fetch the cache line at `p` ahead of its use: a table far larger than the
/// caches (distinct fingerprints) is probed a batch at a time, its misses overlapped.
static inline void br_prefetch(const void *p) { __builtin_prefetch(p, 1, 0); }

/// Asks the kernel to back `[p, p + length)` with huge pages where it can, before it is
/// touched: a table of tens of megabytes probed at random otherwise misses the TLB on nearly
/// every probe. A hint; where it is not available it does nothing.
void br_advise_huge_pages(void *p, size_t length);

#endif
