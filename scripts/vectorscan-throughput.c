// Measures one Vectorscan database of blastradius on its own: the patterns of DATABASE from the
// output of `blastradius detectors --vectorscan`, compiled as the scanner compiles them (block
// mode), scanned over FILE in 1 MiB blocks as the scanner reads it. Prints the best of RUNS.
//
//   vectorscan-throughput PATTERNS.tsv DATABASE FILE [RUNS]
//
// Built and run by scripts/bench-vectorscan; a measuring tool, not part of the scanner.
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long matches;

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *context) {
  (void)id, (void)from, (void)to, (void)flags, (void)context;
  matches++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s PATTERNS.tsv DATABASE FILE [RUNS]\n", argv[0]);
    return 2;
  }
  int runs = argc > 4 ? atoi(argv[4]) : 5;
  FILE *pf = fopen(argv[1], "r");
  if (!pf) { perror(argv[1]); return 2; }
  size_t cap = 64, n = 0;
  char **expressions = malloc(cap * sizeof *expressions);
  unsigned *flags = malloc(cap * sizeof *flags), *ids = malloc(cap * sizeof *ids);
  char line[8192];
  while (fgets(line, sizeof line, pf)) {
    line[strcspn(line, "\n")] = 0;
    char *name = strtok(line, "\t"), *f = strtok(NULL, "\t"), *expression = strtok(NULL, "");
    if (!name || !f || !expression || strcmp(name, argv[2]) != 0) continue;
    if (n == cap) {
      cap *= 2;
      expressions = realloc(expressions, cap * sizeof *expressions);
      flags = realloc(flags, cap * sizeof *flags);
      ids = realloc(ids, cap * sizeof *ids);
    }
    unsigned fl = 0;
    if (strchr(f, 'i')) fl |= HS_FLAG_CASELESS;
    if (strchr(f, 'l')) fl |= HS_FLAG_SOM_LEFTMOST;
    if (strchr(f, 's')) fl |= HS_FLAG_SINGLEMATCH;
    expressions[n] = strdup(expression);
    flags[n] = fl;
    ids[n] = (unsigned)n;
    n++;
  }
  fclose(pf);
  if (n == 0) { fprintf(stderr, "no pattern of database %s in %s\n", argv[2], argv[1]); return 2; }

  hs_database_t *db = NULL;
  hs_compile_error_t *error = NULL;
  if (hs_compile_multi((const char *const *)expressions, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &error) != HS_SUCCESS) {
    fprintf(stderr, "compile: %s\n", error->message);
    return 2;
  }
  FILE *df = fopen(argv[3], "rb");
  if (!df) { perror(argv[3]); return 2; }
  fseek(df, 0, SEEK_END);
  long size = ftell(df);
  fseek(df, 0, SEEK_SET);
  char *data = malloc(size > 0 ? (size_t)size : 1);
  if (fread(data, 1, (size_t)size, df) != (size_t)size) { perror(argv[3]); return 2; }
  fclose(df);

  hs_scratch_t *scratch = NULL;
  hs_alloc_scratch(db, &scratch);
  const long block = 1 << 20;
  double best = 1e30;
  for (int r = 0; r < runs; r++) {
    matches = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long offset = 0; offset < size; offset += block) {
      long length = size - offset < block ? size - offset : block;
      hs_scan(db, data + offset, (unsigned)length, 0, scratch, on_match, NULL);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    if (seconds < best) best = seconds;
  }
  printf("%s: %zu patterns, %.1f MB in %.4f s = %.2f GB/s, %llu matches (best of %d)\n", argv[2], n,
         (double)size / 1e6, best, (double)size / best / 1e9, matches, runs);
  return 0;
}
