// SHA-256 compression (FIPS 180-4, section 6.2.2), written for the fingerprinter's HMAC: a
// portable version, and one with the x86 SHA extensions chosen at run time when the CPU has them.
#include "br_sha256.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
  uint32_t w[64];
  while (blocks--) {
    for (int t = 0; t < 16; t++) {
      const uint8_t *p = data + 4 * t;
      w[t] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
    }
    for (int t = 16; t < 64; t++) {
      uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
      uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
      uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
      uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
    data += 64;
  }
}

#if defined(__x86_64__)
// Four rounds per step: the message schedule with SHA256MSG1/MSG2, the rounds with SHA256RNDS2,
// which keeps the state as ABEF and CDGH halves.
#define SHANI __attribute__((target("sha,sse4.1,ssse3")))
#define SHANI_INLINE static inline __attribute__((always_inline, target("sha,sse4.1,ssse3")))

SHANI_INLINE void load_state(const uint32_t *state, __m128i *abef, __m128i *cdgh) {
  __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
  __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
  *abef = _mm_alignr_epi8(cdab, efgh, 8);
  *cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
}

SHANI_INLINE void store_state(uint32_t *state, __m128i abef, __m128i cdgh) {
  __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

// Step i (0-15) of a block: its four message words (read, or scheduled from the last four
// steps' in w), then four rounds.
SHANI_INLINE void step(int i, const uint8_t *data, __m128i w[4], __m128i *abef, __m128i *cdgh) {
  const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i m;
  if (i < 4) {
    m = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byteswap);
  } else {
    __m128i t = _mm_sha256msg1_epu32(w[(i - 4) & 3], w[(i - 3) & 3]);
    t = _mm_add_epi32(t, _mm_alignr_epi8(w[(i - 1) & 3], w[(i - 2) & 3], 4));
    m = _mm_sha256msg2_epu32(t, w[(i - 1) & 3]);
  }
  w[i & 3] = m;
  __m128i k = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&K[4 * i]));
  *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, k);
  k = _mm_shuffle_epi32(k, 0x0E);
  *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, k);
}

SHANI static void compress_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
  __m128i abef, cdgh;
  load_state(state, &abef, &cdgh);
  while (blocks--) {
    __m128i abef0 = abef, cdgh0 = cdgh;
    __m128i w[4];
    for (int i = 0; i < 16; i++) step(i, data, w, &abef, &cdgh);
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);
    data += 64;
  }
  store_state(state, abef, cdgh);
}

// One block of each of two messages, their steps interleaved: SHA256RNDS2 waits for the
// previous round's result, so a lone block leaves the unit idle half the time, and a second,
// independent one fills it (41 ns a block instead of 70 on the Xeon this was measured on).
SHANI static void compress_pair_shani(uint32_t *state_a, const uint8_t *data_a, uint32_t *state_b,
                                      const uint8_t *data_b) {
  __m128i abef_a, cdgh_a, abef_b, cdgh_b, w_a[4], w_b[4];
  load_state(state_a, &abef_a, &cdgh_a);
  load_state(state_b, &abef_b, &cdgh_b);
  __m128i abef0_a = abef_a, cdgh0_a = cdgh_a, abef0_b = abef_b, cdgh0_b = cdgh_b;
  for (int i = 0; i < 16; i++) {
    step(i, data_a, w_a, &abef_a, &cdgh_a);
    step(i, data_b, w_b, &abef_b, &cdgh_b);
  }
  store_state(state_a, _mm_add_epi32(abef_a, abef0_a), _mm_add_epi32(cdgh_a, cdgh0_a));
  store_state(state_b, _mm_add_epi32(abef_b, abef0_b), _mm_add_epi32(cdgh_b, cdgh0_b));
}
#endif

static int force_portable = 0;

void br_sha256_force_portable(int on) { __atomic_store_n(&force_portable, on, __ATOMIC_RELAXED); }

#if defined(__x86_64__)
static int has_sha = 0;

// Decided once, when the library loads, before any thread hashes.
__attribute__((constructor)) static void detect_sha(void) {
  __builtin_cpu_init();
  has_sha = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
}
#endif

void br_sha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
#if defined(__x86_64__)
  if (has_sha && !__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) {
    compress_shani(state, data, blocks);
    return;
  }
#endif
  compress_portable(state, data, blocks);
}

void br_sha256_compress_pair(uint32_t state_a[8], const uint8_t *data_a, uint32_t state_b[8],
                             const uint8_t *data_b) {
#if defined(__x86_64__)
  if (has_sha && !__atomic_load_n(&force_portable, __ATOMIC_RELAXED)) {
    compress_pair_shani(state_a, data_a, state_b, data_b);
    return;
  }
#endif
  compress_portable(state_a, data_a, 1);
  compress_portable(state_b, data_b, 1);
}
