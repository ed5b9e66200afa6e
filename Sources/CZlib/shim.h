#ifndef REBALANCER_CZLIB_SHIM_H
#define REBALANCER_CZLIB_SHIM_H
#include <zlib.h>
#endif
