#ifndef REBALANCER_CLIBZIP_SHIM_H
#define REBALANCER_CLIBZIP_SHIM_H
#include <zip.h>
#endif
