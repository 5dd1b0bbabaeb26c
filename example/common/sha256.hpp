// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_SHA256_HPP
#define PROTOKIT_EXAMPLE_COMMON_SHA256_HPP

// SHA-256 fed as bytes flow, from OpenSSL's libcrypto (Debian's libssl-dev).

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace example {

class sha256 {
public:
    sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }

    void update(std::string_view s) { EVP_DigestUpdate(ctx_.get(), s.data(), s.size()); }

    /// The digest in lower-case hex; the object is spent.
    std::string hex()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(ctx_.get(), digest, &n);
        std::string out;
        char two[3];
        for (unsigned int i = 0; i < n; ++i) {
            std::snprintf(two, sizeof two, "%02x", digest[i]);
            out += two;
        }
        return out;
    }

private:
    struct free_ctx {
        void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
    };
    std::unique_ptr<EVP_MD_CTX, free_ctx> ctx_;
};

} // namespace example

#endif
