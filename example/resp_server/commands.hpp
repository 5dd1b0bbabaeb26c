// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_RESP_SERVER_COMMANDS_HPP
#define PROTOKIT_EXAMPLE_RESP_SERVER_COMMANDS_HPP

// resp_server's commands: each checks its arguments, runs on the store and
// returns the reply Redis 7 gives, error texts included.

#include "../common/resp.hpp"
#include "store.hpp"

#include <protokit/io/bytes.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace resp_server {

using example::resp::command;
using example::resp::value;

/// What a connection remembers between its commands (CLIENT ID, CLIENT SETNAME).
struct connection_info {
    std::int64_t id = 0;
    std::optional<std::string> name;
};

namespace detail {

using protokit::io::bytes;

/// True if `s` is `upper` without regard to case.
inline bool iequals(std::string_view s, std::string_view upper) noexcept
{
    return s.size() == upper.size() &&
           std::equal(s.begin(), s.end(), upper.begin(), [](char a, char b) {
               return (a >= 'a' && a <= 'z' ? static_cast<char>(a - 'a' + 'A') : a) == b;
           });
}

/// True if `s` is `lower` without regard to case (`lower` in lower case).
inline bool iequals_lower(std::string_view s, std::string_view lower) noexcept
{
    if (s.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char const c = s[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != lower[i])
            return false;
    }
    return true;
}

inline std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

inline value error(std::string_view static_text)
{
    return value::error(bytes::from_static(static_text));
}

inline value not_integer()
{
    return error("ERR value is not an integer or out of range");
}

inline value syntax_error()
{
    return error("ERR syntax error");
}

inline value wrong_arity(std::string_view name)
{
    return value::error("ERR wrong number of arguments for '" + lower(name) + "' command");
}

inline value unknown_subcommand(std::string_view sub, std::string_view command_upper)
{
    std::string text = "ERR unknown subcommand '" + std::string(sub.substr(0, 128)) + "'. Try " +
                       std::string(command_upper) + " HELP.";
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return value::error(text);
}

/// The integer in `b`, as Redis reads one (strictly).
inline std::optional<std::int64_t> integer_of(bytes const& b)
{
    return example::resp::detail::parse_integer(b.view());
}

inline bytes integer_bytes(std::int64_t n)
{
    char text[24];
    auto [end, ec] = std::to_chars(text, text + sizeof text, n);
    return bytes(std::string_view(text, static_cast<std::size_t>(end - text)));
}

/** `now` + `amount` units of `scale` milliseconds, or nothing if that overflows (Redis's "invalid
   expire time").

    Like Redis, a deadline is a count of milliseconds that must fit in 64 bits.
*/
inline std::optional<time_point> deadline_after(time_point now, std::int64_t amount,
                                                std::int64_t scale)
{
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    if (amount > max / scale || amount < min / scale)
        return std::nullopt;
    std::int64_t const ms = amount * scale;
    std::int64_t const base = now.time_since_epoch().count();
    if ((ms > 0 && base > max - ms) || (ms < 0 && base < min - ms))
        return std::nullopt;
    auto const t = time_point(std::chrono::milliseconds(base + ms));
    return t == never ? std::nullopt : std::optional<time_point>(t);
}

/// A glob match of `text` against `pattern` (`*` and `?`), without regard to case.
inline bool glob_matches(std::string_view pattern, std::string_view text)
{
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || fold(pattern[p]) == fold(text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace detail

/** Runs commands on a store: the server's whole behaviour, one call per command.

    Safe to use from several threads at once (the store locks what each
    command touches); `connection_info` belongs to one connection.
*/
class commands {
public:
    /// Commands on `s` (which must outlive this object).
    explicit commands(store& s) noexcept : store_(s) {}

    /// The reply to `c`, sent on the connection `conn`; `c` is not empty.
    value execute(command const& c, connection_info& conn) const
    {
        auto const* spec = find(c.name());
        if (spec == nullptr)
            return unknown_command(c);
        auto const argc = static_cast<int>(c.size());
        if ((spec->arity > 0 && argc != spec->arity) || (spec->arity < 0 && argc < -spec->arity))
            return detail::wrong_arity(spec->name);
        context ctx{store_, c, conn};
        return spec->run(ctx);
    }

private:
    struct context {
        store& keys;
        command const& c;
        connection_info& conn;
    };

    struct spec {
        std::string_view name; // lower case
        int arity; // Redis's: n arguments exactly, or -n for at least n (the name counts)
        value (*run)(context&);
    };

    using bytes = protokit::io::bytes;

    /// The arguments after the name.
    static std::span<bytes const> after_name(command const& c) noexcept
    {
        return std::span<bytes const>(c.args().data(), c.size()).subspan(1);
    }

    static value ping(context& x)
    {
        if (x.c.size() > 2)
            return detail::wrong_arity("ping");
        if (x.c.size() == 2)
            return value::bulk_string(x.c[1]);
        return value::simple_string(bytes::from_static("PONG"));
    }

    static value echo(context& x) { return value::bulk_string(x.c[1]); }

    static value get(context& x)
    {
        auto const key = x.c[1].view();
        return x.keys.with_key(key, [&](store::locked& k) {
            entry const* e = k.find(key);
            return e != nullptr ? value::bulk_string(e->value) : value::null_bulk_string();
        });
    }

    static value set(context& x)
    {
        // SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | KEEPTTL]
        bool nx = false, xx = false, get = false, keep_ttl = false;
        std::int64_t scale = 0; // 1000 for EX, 1 for PX
        bytes const* amount = nullptr;
        for (std::size_t i = 3; i < x.c.size(); ++i) {
            auto const opt = x.c[i].view();
            bool const has_next = i + 1 < x.c.size();
            if (detail::iequals(opt, "NX") && !xx) {
                nx = true;
            } else if (detail::iequals(opt, "XX") && !nx) {
                xx = true;
            } else if (detail::iequals(opt, "GET")) {
                get = true;
            } else if (detail::iequals(opt, "KEEPTTL") && scale == 0) {
                keep_ttl = true;
            } else if (detail::iequals(opt, "EX") && !keep_ttl && scale != 1 && has_next) {
                scale = 1000;
                amount = &x.c[++i];
            } else if (detail::iequals(opt, "PX") && !keep_ttl && scale != 1000 && has_next) {
                scale = 1;
                amount = &x.c[++i];
            } else {
                return detail::syntax_error();
            }
        }
        std::optional<std::int64_t> n;
        if (amount != nullptr) {
            n = detail::integer_of(*amount);
            if (!n)
                return detail::not_integer();
            if (*n <= 0)
                return invalid_expire("set");
        }
        auto const key = x.c[1].view();
        return x.keys.with_key(key, [&](store::locked& k) {
            time_point expires = never;
            if (n) {
                auto t = detail::deadline_after(k.now(), *n, scale);
                if (!t)
                    return invalid_expire("set");
                expires = *t;
            }
            entry const* e = k.find(key);
            value old =
                get && e != nullptr ? value::bulk_string(e->value) : value::null_bulk_string();
            if ((nx && e != nullptr) || (xx && e == nullptr))
                return old;
            if (keep_ttl && e != nullptr)
                expires = e->expires;
            k.put(key, bytes(x.c[2].view()), expires);
            return get ? old : value::ok();
        });
    }

    static value del(context& x)
    {
        auto const keys = after_name(x.c);
        return x.keys.with_keys(keys, [&](store::locked& k) {
            std::int64_t n = 0;
            for (auto const& key : keys)
                n += k.erase(key.view()) ? 1 : 0;
            return value::integer(n);
        });
    }

    static value exists(context& x)
    {
        auto const keys = after_name(x.c);
        return x.keys.with_keys(keys, [&](store::locked& k) {
            std::int64_t n = 0;
            for (auto const& key : keys)
                n += k.find(key.view()) != nullptr ? 1 : 0;
            return value::integer(n);
        });
    }

    static value add(context& x, std::int64_t by)
    {
        auto const key = x.c[1].view();
        return x.keys.with_key(key, [&](store::locked& k) {
            entry* e = k.find(key);
            std::int64_t current = 0;
            if (e != nullptr) {
                auto n = detail::integer_of(e->value);
                if (!n)
                    return detail::not_integer();
                current = *n;
            }
            std::int64_t result = 0;
            if (__builtin_add_overflow(current, by, &result))
                return detail::error("ERR increment or decrement would overflow");
            if (e != nullptr)
                e->value = detail::integer_bytes(result); // the deadline stays, as in Redis
            else
                k.put(key, detail::integer_bytes(result));
            return value::integer(result);
        });
    }

    static value incr(context& x) { return add(x, 1); }
    static value decr(context& x) { return add(x, -1); }

    static value incrby(context& x)
    {
        auto by = detail::integer_of(x.c[2]);
        if (!by)
            return detail::not_integer();
        return add(x, *by);
    }

    static value decrby(context& x)
    {
        auto by = detail::integer_of(x.c[2]);
        if (!by || *by == std::numeric_limits<std::int64_t>::min())
            return by ? detail::error("ERR decrement would overflow") : detail::not_integer();
        return add(x, -*by);
    }

    static value mget(context& x)
    {
        auto const keys = after_name(x.c);
        return x.keys.with_keys(keys, [&](store::locked& k) {
            std::vector<value> out;
            out.reserve(keys.size());
            for (auto const& key : keys) {
                entry const* e = k.find(key.view());
                out.push_back(e != nullptr ? value::bulk_string(e->value)
                                           : value::null_bulk_string());
            }
            return value::array(std::move(out));
        });
    }

    static value mset(context& x)
    {
        if (x.c.size() % 2 == 0)
            return detail::wrong_arity("mset");
        auto const args = after_name(x.c);
        return x.keys.with_keys(args, [&](store::locked& k) {
            for (std::size_t i = 0; i < args.size(); i += 2)
                k.put(args[i].view(), bytes(args[i + 1].view()));
            return value::ok();
        });
    }

    static value expire(context& x)
    {
        // EXPIRE key seconds [NX | XX | GT | LT]
        bool nx = false, xx = false, gt = false, lt = false;
        for (std::size_t i = 3; i < x.c.size(); ++i) {
            auto const opt = x.c[i].view();
            if (detail::iequals(opt, "NX"))
                nx = true;
            else if (detail::iequals(opt, "XX"))
                xx = true;
            else if (detail::iequals(opt, "GT"))
                gt = true;
            else if (detail::iequals(opt, "LT"))
                lt = true;
            else
                return value::error("ERR Unsupported option " + std::string(opt));
        }
        if (nx && (xx || gt || lt))
            return detail::error(
                "ERR NX and XX, GT or LT options at the same time are not compatible");
        if (gt && lt)
            return detail::error("ERR GT and LT options at the same time are not compatible");
        auto seconds = detail::integer_of(x.c[2]);
        if (!seconds)
            return detail::not_integer();
        auto const key = x.c[1].view();
        return x.keys.with_key(key, [&](store::locked& k) {
            auto when = detail::deadline_after(k.now(), *seconds, 1000);
            if (!when)
                return invalid_expire("expire");
            entry* e = k.find(key);
            if (e == nullptr)
                return value::integer(0);
            bool const has = e->expires != never;
            if ((nx && has) || (xx && !has) || (gt && (!has || *when <= e->expires)) ||
                (lt && has && *when >= e->expires))
                return value::integer(0);
            if (*when <= k.now())
                k.erase(key);
            else
                k.set_expiry(key, *e, *when);
            return value::integer(1);
        });
    }

    static value ttl(context& x)
    {
        auto const key = x.c[1].view();
        return x.keys.with_key(key, [&](store::locked& k) {
            entry const* e = k.find(key);
            if (e == nullptr)
                return value::integer(-2);
            if (e->expires == never)
                return value::integer(-1);
            auto const ms = (e->expires - k.now()).count();
            return value::integer(ms / 1000 + (ms % 1000 >= 500 ? 1 : 0)); // rounded, as Redis does
        });
    }

    static value dbsize(context& x)
    {
        return x.keys.with_all([](store::locked& k, std::span<shard> shards) {
            std::int64_t n = 0;
            for (auto& s : shards) {
                s.drop_expired(k.clock(), std::numeric_limits<std::size_t>::max());
                n += static_cast<std::int64_t>(s.size());
            }
            return value::integer(n);
        });
    }

    static value flushall(context& x)
    {
        if (x.c.size() > 2 || (x.c.size() == 2 && !detail::iequals(x.c[1].view(), "ASYNC") &&
                               !detail::iequals(x.c[1].view(), "SYNC")))
            return detail::syntax_error();
        return x.keys.with_all([](store::locked&, std::span<shard> shards) {
            for (auto& s : shards)
                s.clear();
            return value::ok();
        });
    }

    static value quit(context&) { return value::ok(); }

    static value select(context& x)
    {
        auto db = detail::integer_of(x.c[1]);
        if (!db)
            return detail::not_integer();
        if (*db != 0)
            return detail::error("ERR DB index is out of range");
        return value::ok();
    }

    /// COMMAND's description of one command, in Redis 7's ten fields.
    static value describe(spec const& s)
    {
        bool const keyless = s.name == "ping" || s.name == "echo" || s.name == "dbsize" ||
                             s.name == "flushall" || s.name == "quit" || s.name == "select" ||
                             s.name == "command" || s.name == "config" || s.name == "client";
        std::int64_t const last =
            s.name == "del" || s.name == "exists" || s.name == "mget" || s.name == "mset" ? -1 : 1;
        std::int64_t const step = s.name == "mset" ? 2 : 1;
        std::vector<value> fields;
        fields.push_back(value::bulk_string(bytes::from_static(s.name)));
        fields.push_back(value::integer(s.arity));
        fields.push_back(value::array({}));
        fields.push_back(value::integer(keyless ? 0 : 1));
        fields.push_back(value::integer(keyless ? 0 : last));
        fields.push_back(value::integer(keyless ? 0 : step));
        for (int i = 0; i < 4; ++i)
            fields.push_back(value::array({}));
        return value::array(std::move(fields));
    }

    static value command_(context& x)
    {
        if (x.c.size() == 1) {
            std::vector<value> all;
            for (auto const& s : table())
                all.push_back(describe(s));
            return value::array(std::move(all));
        }
        auto const sub = x.c[1].view();
        if (detail::iequals(sub, "COUNT")) {
            if (x.c.size() != 2)
                return detail::wrong_arity("command|count");
            return value::integer(static_cast<std::int64_t>(table().size()));
        }
        if (detail::iequals(sub, "DOCS"))
            return value::array({});
        if (detail::iequals(sub, "INFO")) {
            std::vector<value> out;
            for (std::size_t i = 2; i < x.c.size(); ++i) {
                auto const* s = find(x.c[i].view());
                out.push_back(s != nullptr ? describe(*s) : value::null_array());
            }
            if (x.c.size() == 2)
                for (auto const& s : table())
                    out.push_back(describe(s));
            return value::array(std::move(out));
        }
        if (detail::iequals(sub, "LIST")) {
            std::vector<value> out;
            for (auto const& s : table())
                out.push_back(value::bulk_string(bytes::from_static(s.name)));
            return value::array(std::move(out));
        }
        return detail::unknown_subcommand(sub, "COMMAND");
    }

    static value config(context& x)
    {
        auto const sub = x.c[1].view();
        if (!detail::iequals(sub, "GET"))
            return detail::unknown_subcommand(sub, "CONFIG");
        if (x.c.size() < 3)
            return detail::wrong_arity("config|get");
        // What redis-benchmark and redis-cli ask about; a store in memory, without persistence.
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> parameters{{
            {"appendonly", "no"},
            {"databases", "1"},
            {"maxmemory", "0"},
            {"proto-max-bulk-len", "536870912"},
            {"save", ""},
            {"timeout", "0"},
        }};
        // In the order of the patterns, each parameter once, as Redis answers.
        std::vector<value> out;
        std::array<bool, parameters.size()> added{};
        for (std::size_t i = 2; i < x.c.size(); ++i) {
            for (std::size_t p = 0; p < parameters.size(); ++p) {
                if (!added[p] && detail::glob_matches(x.c[i].view(), parameters[p].first)) {
                    added[p] = true;
                    out.push_back(value::bulk_string(bytes::from_static(parameters[p].first)));
                    out.push_back(value::bulk_string(bytes::from_static(parameters[p].second)));
                }
            }
        }
        return value::array(std::move(out));
    }

    static value client(context& x)
    {
        auto const sub = x.c[1].view();
        auto const argc = x.c.size();
        if (detail::iequals(sub, "ID")) {
            if (argc != 2)
                return detail::wrong_arity("client|id");
            return value::integer(x.conn.id);
        }
        if (detail::iequals(sub, "GETNAME")) {
            if (argc != 2)
                return detail::wrong_arity("client|getname");
            return x.conn.name ? value::bulk_string(*x.conn.name) : value::null_bulk_string();
        }
        if (detail::iequals(sub, "SETNAME")) {
            if (argc != 3)
                return detail::wrong_arity("client|setname");
            auto const name = x.c[2].view();
            if (std::any_of(name.begin(), name.end(), [](char c) { return c < '!' || c > '~'; }))
                return detail::error(
                    "ERR Client names cannot contain spaces, newlines or special characters.");
            if (name.empty())
                x.conn.name.reset();
            else
                x.conn.name = std::string(name);
            return value::ok();
        }
        if (detail::iequals(sub, "SETINFO")) {
            if (argc != 4)
                return detail::wrong_arity("client|setinfo");
            return value::ok();
        }
        if (detail::iequals(sub, "INFO")) {
            if (argc != 2)
                return detail::wrong_arity("client|info");
            return value::bulk_string("id=" + std::to_string(x.conn.id) + " name=" +
                                      x.conn.name.value_or("") + " db=0 cmd=client|info\n");
        }
        return detail::unknown_subcommand(sub, "CLIENT");
    }

    static value invalid_expire(std::string_view command_name)
    {
        return value::error("ERR invalid expire time in '" + std::string(command_name) +
                            "' command");
    }

    /// Redis's reply to an unknown command: its name and the start of its arguments.
    static value unknown_command(command const& c)
    {
        std::string args;
        for (std::size_t i = 1; i < c.size() && args.size() < 128; ++i)
            args += "'" + std::string(c[i].view().substr(0, 128 - args.size())) + "' ";
        std::string text = "ERR unknown command '" + std::string(c.name().substr(0, 128)) +
                           "', with args beginning with: " + args;
        std::replace_if(
            text.begin(), text.end(), [](char ch) { return ch == '\r' || ch == '\n'; }, ' ');
        return value::error(text);
    }

    static std::span<spec const> table() noexcept
    {
        // The busiest first: the search is linear.
        static constexpr spec all[] = {
            {"get", 2, &get},           {"set", -3, &set},
            {"incr", 2, &incr},         {"ping", -1, &ping},
            {"mset", -3, &mset},        {"mget", -2, &mget},
            {"del", -2, &del},          {"exists", -2, &exists},
            {"decr", 2, &decr},         {"incrby", 3, &incrby},
            {"decrby", 3, &decrby},     {"expire", -3, &expire},
            {"ttl", 2, &ttl},           {"echo", 2, &echo},
            {"dbsize", 1, &dbsize},     {"flushall", -1, &flushall},
            {"quit", -1, &quit},        {"select", 2, &select},
            {"command", -1, &command_}, {"config", -2, &config},
            {"client", -2, &client},
        };
        return all;
    }

    /// The command named `name` in any case, or null: no copy, and most names differ in length or
    /// in their first letter.
    static spec const* find(std::string_view name) noexcept
    {
        for (auto const& s : table())
            if (detail::iequals_lower(name, s.name))
                return &s;
        return nullptr;
    }

    store& store_;
};

} // namespace resp_server

#endif
