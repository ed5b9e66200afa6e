#ifndef REBALANCER_CCURL_SHIM_H
#define REBALANCER_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
   helper per kind of argument. */

/// Sets an option that takes a long.
static inline CURLcode CCurl_setLong(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a string (libcurl copies it).
static inline CURLcode CCurl_setString(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Sets an option that takes a pointer kept by the caller (the error buffer, the write data).
static inline CURLcode CCurl_setPointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// The signature of CURLOPT_WRITEFUNCTION.
typedef size_t (*CCurl_WriteCallback)(char *data, size_t size, size_t count, void *context);

/// Sets CURLOPT_WRITEFUNCTION.
static inline CURLcode CCurl_setWriteFunction(CURL *handle, CCurl_WriteCallback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

/// Sets a list of strings (request headers); the list must outlive the transfer.
static inline CURLcode CCurl_setList(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/// Reads a piece of information that is a long (CURLINFO_RESPONSE_CODE).
static inline CURLcode CCurl_getLong(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a piece of information that is a curl_off_t (CURLINFO_RETRY_AFTER).
static inline CURLcode CCurl_getOffT(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Reads a piece of information that is a string libcurl keeps (CURLINFO_EFFECTIVE_URL).
static inline CURLcode CCurl_getString(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Sets up libcurl once for the process (CURL_GLOBAL_DEFAULT is a macro Swift cannot see).
static inline CURLcode CCurl_globalInit(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

/// The size of the buffer CURLOPT_ERRORBUFFER writes to.
static inline size_t CCurl_errorSize(void) { return CURL_ERROR_SIZE; }
#endif
