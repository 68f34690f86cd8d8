#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver for programs with a main of their own (libclang_rt.fuzzer_no_main),
/// linked only by scripts/fuzz.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
