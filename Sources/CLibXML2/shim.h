#ifndef REBALANCER_CLIBXML2_SHIM_H
#define REBALANCER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* The reader never touches libxml2's ICU converters, and the system ICU headers clash with
   the copy Foundation carries: keep them out of the module. Only pointers to the encoding
   handler (whose layout this changes) cross into Swift. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

/// libxml2's loader for external entities and DTDs, replaced by one that refuses every load.
static xmlParserInputPtr CLibXML2_denyExternalEntity(const char *url, const char *id,
                                                     xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

/// Installs the deny-all external entity loader process-wide.
static inline void CLibXML2_installDenyAllEntityLoader(void) {
    xmlSetExternalEntityLoader(CLibXML2_denyExternalEntity);
}

/// The message of libxml2's last error on a parser context, or NULL.
static inline const char *CLibXML2_lastErrorMessage(xmlParserCtxtPtr ctxt) {
    const xmlError *error = xmlCtxtGetLastError(ctxt);
    return error ? error->message : NULL;
}

/// The line of libxml2's last error on a parser context.
static inline int CLibXML2_lastErrorLine(xmlParserCtxtPtr ctxt) {
    const xmlError *error = xmlCtxtGetLastError(ctxt);
    return error ? error->line : 0;
}
#endif
