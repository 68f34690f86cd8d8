#ifndef BR_SHA256_H
#define BR_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks, updating `state`
/// (eight words, FIPS 180-4). Padding and midstates are the caller's: the fingerprinter keeps
/// the states after its HMAC pads and compresses only the value's blocks.
void br_sha256_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

/// One block of each of two independent messages, at nearly the cost of one: the fingerprinter
/// hashes two values at a time where it can.
void br_sha256_compress_pair(uint32_t state_a[8], const uint8_t *data_a, uint32_t state_b[8],
                             const uint8_t *data_b);

/// Makes `br_sha256_compress` and `br_sha256_compress_pair` use the portable code even where the SHA extensions exist, so
/// tests check both on one machine. Not for use while other threads hash.
void br_sha256_force_portable(int on);

#endif
