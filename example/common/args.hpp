// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_ARGS_HPP
#define PROTOKIT_EXAMPLE_COMMON_ARGS_HPP

// Command-line options of the example programs: `--name value` pairs.

#include <boost/asio/ip/tcp.hpp>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace example {

class args {
public:
    /** Parses `--name value` pairs and `--flag`s; prints `usage` and exits on anything else.

        An option followed by another option (or by nothing) is a flag: its
        value is empty.
    */
    args(int argc, char** argv, std::string usage) : usage_(std::move(usage))
    {
        for (int i = 1; i < argc; ++i) {
            std::string_view a = argv[i];
            if (a == "--help" || a == "-h")
                fail();
            if (a.substr(0, 2) != "--" || a.size() == 2)
                fail("unexpected argument '" + std::string(a) + "'");
            bool const flag = i + 1 >= argc || std::string_view(argv[i + 1]).starts_with("--");
            values_[std::string(a.substr(2))] = flag ? "" : argv[++i];
        }
    }

    /// True if option `name` was given (with or without a value).
    bool flag(std::string const& name) const { return values_.contains(name); }

    /// The endpoint in option `name` (HOST:PORT), or `fallback`.
    boost::asio::ip::tcp::endpoint endpoint(std::string const& name,
                                            std::string_view fallback) const
    {
        std::string text = get(name).value_or(std::string(fallback));
        auto colon = text.rfind(':');
        if (colon == std::string::npos)
            fail("--" + name + " wants HOST:PORT, not '" + text + "'");
        boost::system::error_code ec;
        auto address = boost::asio::ip::make_address(text.substr(0, colon), ec);
        unsigned port = 0;
        auto port_text = std::string_view(text).substr(colon + 1);
        auto [p, perr] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec || perr != std::errc() || p != port_text.data() + port_text.size() || port > 65535)
            fail("--" + name + " wants HOST:PORT, not '" + text + "'");
        return {address, static_cast<unsigned short>(port)};
    }

    /// The endpoints in option `name` (HOST:PORT,HOST:PORT,...); none if it is absent.
    std::vector<boost::asio::ip::tcp::endpoint> endpoints(std::string const& name) const
    {
        std::vector<boost::asio::ip::tcp::endpoint> list;
        auto v = get(name);
        if (!v)
            return list;
        std::string_view rest = *v;
        while (!rest.empty()) {
            auto const comma = rest.find(',');
            args one(*this);
            one.values_[name] = std::string(rest.substr(0, comma));
            list.push_back(one.endpoint(name, ""));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        if (list.empty())
            fail("--" + name + " wants HOST:PORT[,HOST:PORT...]");
        return list;
    }

    /// The unsigned number in option `name`, or `fallback`.
    std::uint64_t number(std::string const& name, std::uint64_t fallback) const
    {
        auto v = get(name);
        if (!v)
            return fallback;
        std::uint64_t n = 0;
        auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
        if (ec != std::errc() || p != v->data() + v->size())
            fail("--" + name + " wants a number, not '" + *v + "'");
        return n;
    }

    /// The value of option `name`, one of `choices`; the first when the option is absent.
    std::string choice(std::string const& name,
                       std::initializer_list<std::string_view> choices) const
    {
        auto v = get(name);
        if (!v)
            return std::string(*choices.begin());
        for (auto c : choices)
            if (c == *v)
                return *v;
        std::string valid;
        for (auto c : choices)
            valid += (valid.empty() ? "" : ", ") + std::string(c);
        fail("--" + name + " wants one of " + valid + ", not '" + *v + "'");
    }

    std::optional<std::string> get(std::string const& name) const
    {
        auto it = values_.find(name);
        if (it == values_.end())
            return std::nullopt;
        return it->second;
    }

    [[noreturn]] void fail(std::string const& why = {}) const
    {
        if (!why.empty())
            std::cerr << why << '\n';
        std::cerr << "usage: " << usage_ << '\n';
        std::exit(2);
    }

private:
    std::string usage_;
    std::map<std::string, std::string> values_;
};

} // namespace example

#endif
