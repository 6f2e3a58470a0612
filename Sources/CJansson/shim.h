#ifndef JWSTOOL_CJANSSON_SHIM_H
#define JWSTOOL_CJANSSON_SHIM_H
#include <jansson.h>

// json_decref and json_incref are static inline in jansson.h; these give Swift stable names for them
// and for the function-like JSON_INDENT macro.
static inline void jwstool_json_decref(json_t *json) { json_decref(json); }
static inline json_t *jwstool_json_incref(json_t *json) { return json_incref(json); }
static inline size_t jwstool_json_indent(int spaces) { return JSON_INDENT(spaces); }

#endif
