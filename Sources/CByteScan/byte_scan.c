#define _GNU_SOURCE
#include "br_byte_scan.h"

#include <string.h>

// The portable code: one byte at a time, for CPUs without the x86 vector units below.
static void masks_portable(const uint8_t *p, size_t blocks, uint64_t *digits, uint64_t *separators,
                           uint64_t *spaces) {
  for (size_t k = 0; k < blocks; k++) {
    uint64_t d = 0, s = 0, w = 0;
    for (int i = 0; i < 64; i++) {
      uint8_t b = p[64 * k + i];
      d |= (uint64_t)((uint8_t)(b - 0x30) < 10) << i;
      s |= (uint64_t)((uint8_t)(b - 0x2D) < 3 || b == 0x20) << i;
      w |= (uint64_t)(b == 0x20) << i;
    }
    digits[k] = d;
    separators[k] = s;
    spaces[k] = w;
  }
}

static int force_portable = 0;

void br_byte_scan_force_portable(int on) { __atomic_store_n(&force_portable, on, __ATOMIC_RELAXED); }

#if defined(__x86_64__)
#include <immintrin.h>

// Bytes are biased by 0x80 so that one signed compare tests an unsigned range:
// b - lo < width  <=>  (int8)(b - lo + 0x80) < (int8)(0x80 + width).
__attribute__((target("avx2")))
static void masks_avx2(const uint8_t *p, size_t blocks, uint64_t *digits, uint64_t *separators,
                       uint64_t *spaces) {
  const __m256i digit_bias = _mm256_set1_epi8((char)(0x80 - 0x30));
  const __m256i digit_limit = _mm256_set1_epi8((char)(0x80 + 10));
  const __m256i sep_bias = _mm256_set1_epi8((char)(0x80 - 0x2D));
  const __m256i sep_limit = _mm256_set1_epi8((char)(0x80 + 3));
  const __m256i space = _mm256_set1_epi8(0x20);
  for (size_t k = 0; k < blocks; k++) {
    __m256i lo = _mm256_loadu_si256((const __m256i *)(p + 64 * k));
    __m256i hi = _mm256_loadu_si256((const __m256i *)(p + 64 * k + 32));
    __m256i dlo = _mm256_cmpgt_epi8(digit_limit, _mm256_add_epi8(lo, digit_bias));
    __m256i dhi = _mm256_cmpgt_epi8(digit_limit, _mm256_add_epi8(hi, digit_bias));
    __m256i wlo = _mm256_cmpeq_epi8(lo, space);
    __m256i whi = _mm256_cmpeq_epi8(hi, space);
    __m256i slo = _mm256_or_si256(_mm256_cmpgt_epi8(sep_limit, _mm256_add_epi8(lo, sep_bias)), wlo);
    __m256i shi = _mm256_or_si256(_mm256_cmpgt_epi8(sep_limit, _mm256_add_epi8(hi, sep_bias)), whi);
    digits[k] = (uint64_t)(uint32_t)_mm256_movemask_epi8(dlo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(dhi) << 32;
    separators[k] = (uint64_t)(uint32_t)_mm256_movemask_epi8(slo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(shi) << 32;
    spaces[k] = (uint64_t)(uint32_t)_mm256_movemask_epi8(wlo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(whi) << 32;
  }
}

// 64 bytes a step: two compares, their masks joined in one word and counted.
__attribute__((target("avx2,popcnt")))
static size_t count_avx2(const uint8_t *p, size_t n, uint8_t byte) {
  const __m256i pattern = _mm256_set1_epi8((char)byte);
  size_t total = 0, i = 0;
  for (; i + 64 <= n; i += 64) {
    __m256i lo = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), pattern);
    __m256i hi = _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i + 32)), pattern);
    uint64_t m = (uint64_t)(uint32_t)_mm256_movemask_epi8(lo) | (uint64_t)(uint32_t)_mm256_movemask_epi8(hi) << 32;
    total += (size_t)__builtin_popcountll(m);
  }
  for (; i < n; i++) total += p[i] == byte;
  return total;
}

static int has_avx2 = 0;

// Decided once, when the library loads, before any thread scans.
__attribute__((constructor)) static void detect_avx2(void) {
  __builtin_cpu_init();
  has_avx2 = __builtin_cpu_supports("avx2");
}
#endif

void br_digit_masks(const uint8_t *bytes, size_t blocks, uint64_t *digits, uint64_t *separators,
                    uint64_t *spaces) {
#if defined(__x86_64__)
  if (has_avx2 && !__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) {
    masks_avx2(bytes, blocks, digits, separators, spaces);
    return;
  }
#endif
  masks_portable(bytes, blocks, digits, separators, spaces);
}

static size_t count_portable(const uint8_t *p, size_t n, uint8_t byte) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += p[i] == byte;
  return total;
}

size_t br_count_byte(const uint8_t *bytes, size_t n, uint8_t byte) {
#if defined(__x86_64__)
  if (has_avx2 && !__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) return count_avx2(bytes, n, byte);
#endif
  return count_portable(bytes, n, byte);
}

long br_last_index(const uint8_t *bytes, size_t n, uint8_t byte) {
#if defined(__GLIBC__)
  const uint8_t *hit = memrchr(bytes, byte, n);
  return hit ? (long)(hit - bytes) : -1;
#else
  while (n > 0) {
    n--;
    if (bytes[n] == byte) return (long)n;
  }
  return -1;
#endif
}

#if defined(__linux__)
#include <sys/mman.h>
#endif

void br_advise_huge_pages(void *p, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Only whole huge pages inside the range can be advised.
  const uintptr_t huge = (uintptr_t)2 << 20;
  uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t)p + length) & ~(huge - 1);
  if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)p;
  (void)length;
#endif
}
