// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TLS_CERT_HPP
#define PROTOKIT_TEST_SUPPORT_TLS_CERT_HPP

// A throwaway self-signed certificate for the TLS tests, made at test time
// by the openssl program (Debian's openssl, which scripts/deps installs) in
// a temporary folder that goes with the object.

#include "child_process.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace protokit::test {

/// The path of the openssl program, from PATH or Debian's place.
inline std::string openssl_path()
{
    std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
    path += ":/usr/bin";
    for (std::size_t begin = 0; begin <= path.size();) {
        auto end = path.find(':', begin);
        if (end == std::string::npos)
            end = path.size();
        auto const candidate = std::filesystem::path(path.substr(begin, end - begin)) / "openssl";
        if (end > begin && ::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
        begin = end + 1;
    }
    BOOST_FAIL("the openssl program is not on PATH: scripts/deps installs Debian's openssl");
    return {};
}

/** A P-256 key and a certificate for CN=localhost, DNS:localhost, IP:127.0.0.1, valid one day.

    Self-signed: a client trusts it by taking `cert` as its CA file.
*/
struct tls_cert {
    std::filesystem::path dir;
    std::filesystem::path cert;
    std::filesystem::path key;

    tls_cert()
    {
        std::string templ =
            (std::filesystem::temp_directory_path() / "protokit-tls-XXXXXX").string();
        BOOST_REQUIRE(::mkdtemp(templ.data()) != nullptr);
        dir = templ;
        cert = dir / "cert.pem";
        key = dir / "key.pem";
        child_process openssl(openssl_path(), {"req", "-x509", "-newkey", "ec", "-pkeyopt",
                                               "ec_paramgen_curve:prime256v1", "-nodes", "-days",
                                               "1", "-subj", "/CN=localhost", "-addext",
                                               "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                               "-keyout", key.string(), "-out", cert.string()});
        while (openssl.read_line()) {
        }
        auto const status = openssl.wait();
        BOOST_REQUIRE_MESSAGE(status && *status == 0, "openssl req failed: " << openssl.output());
    }

    tls_cert(tls_cert const&) = delete;
    tls_cert& operator=(tls_cert const&) = delete;

    ~tls_cert()
    {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

} // namespace protokit::test

#endif
