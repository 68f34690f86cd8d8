#include <poppler.h>
// cairo, which poppler renders through: its PDF surface writes the sample share's image-only scans.
#include <cairo-pdf.h>
