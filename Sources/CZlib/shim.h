#ifndef JWSTOOL_CZLIB_SHIM_H
#define JWSTOOL_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_ (it passes the library version and the stream's size); this gives
// Swift a function for it.
static inline int jwstool_deflate_init_gzip(z_stream *stream, int level) {
    // windowBits 15 + 16: a gzip wrapper (RFC 1952) rather than zlib's; memLevel 8 is zlib's default.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
