#ifndef REBALANCER_CXLSXWRITER_SHIM_H
#define REBALANCER_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
