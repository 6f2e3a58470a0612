#ifndef JWSTOOL_COPENSSL_SHIM_H
#define JWSTOOL_COPENSSL_SHIM_H
// The OpenSSL 3 EVP surface jwstool uses. Function-like macros are re-exported as inline functions.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static inline void jwstool_openssl_free(void *pointer) { OPENSSL_free(pointer); }
static inline long jwstool_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

// EVP_MAC_init with the digest parameter; the OSSL_PARAM array must outlive the call, which is easiest in C.
static inline int jwstool_hmac_init(EVP_MAC_CTX *ctx, const unsigned char *key, size_t key_length, const char *digest) {
    OSSL_PARAM params[2] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0),
        OSSL_PARAM_construct_end(),
    };
    return EVP_MAC_init(ctx, key, key_length, params);
}

#endif
