// Declarations only: the driver comes from libFuzzer when scripts/fuzz links it.
#include "CFuzzDriver.h"
