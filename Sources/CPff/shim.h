#include <libbfio.h>
#include <libpff.h>
