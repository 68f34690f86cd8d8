#include <yara.h>
