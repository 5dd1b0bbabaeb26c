// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_EXAMPLE_COMMON_RESP_CLIENT_HPP
#define PROTOKIT_EXAMPLE_COMMON_RESP_CLIENT_HPP

// A Redis client for protokit programs: one pipelined RESP connection
// (`pipeline::client_proto`), raw calls that yield the reply as it came, and
// typed calls for the common string commands.
//
//   protokit::reactor::core core;
//   auto n = core.run(example::resp::client::connect(endpoint, core.get_handle())
//                         .and_then([](auto redis) { return redis.incr("visits"); }));

#include "resp.hpp"

#include <protokit/future/future.hpp>
#include <protokit/proto/tcp_client.hpp>
#include <protokit/reactor/core.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace example::resp {

/** A Redis client over one pipelined connection.

    Cheap to copy (every copy calls the same connection); use it on the
    thread of the reactor it was connected on. `call` yields any reply,
    error replies included. The typed calls fail with `error::server_error`
    on an error reply and `error::unexpected_reply` on a reply of another
    type. At most `max_in_flight` calls are pending at once: `poll_ready()`
    says when another may be made (a call made anyway fails with
    `protokit::error::limit_reached`). The connection closes when the last
    copy and the last reply future are gone.
*/
class client {
public:
    /// The protokit client service underneath.
    using service_type = protokit::pipeline::client<command, value>;
    /// The future of a raw call.
    using reply_future = service_type::future_type;

    /// Calls over `service`.
    explicit client(service_type service) : service_(std::move(service)) {}

    /// Connects to `server` on `h`'s reactor: a future of the client.
    static auto connect(boost::asio::ip::tcp::endpoint const& server,
                        protokit::reactor::handle const& h, std::size_t max_in_flight = 32,
                        std::chrono::steady_clock::duration timeout = std::chrono::seconds(10))
    {
        return protokit::tcp_client(client_protocol{})
            .max_in_flight(max_in_flight)
            .connect_timeout(timeout)
            .connect(server, h)
            .map([](service_type s) { return client(std::move(s)); });
    }

    /// Ready when a call can be made now; fails once the connection is over.
    protokit::future::poll_result<protokit::future::unit> poll_ready()
    {
        return service_.poll_ready();
    }

    /// Sends `c`; the future yields the reply, whatever its type.
    reply_future call(command c) { return service_.call(std::move(c)); }

    /// `PING`: the reply's text (`PONG`).
    auto ping() { return call({"PING"}).and_then(&client::to_text); }

    /// `GET key`: the value, or nothing for a missing key.
    auto get(std::string_view key)
    {
        return call({"GET", key}).and_then(&client::to_optional_bytes);
    }

    /// `SET key value`.
    auto set(std::string_view key, std::string_view v)
    {
        return call({"SET", key, v}).and_then([](value r) -> result<protokit::future::unit> {
            if (auto e = check(r, type::simple_string))
                return e;
            return protokit::future::unit{};
        });
    }

    /// `SET key value EX seconds`.
    auto set_ex(std::string_view key, std::string_view v, std::int64_t seconds)
    {
        return call({"SET", key, v, "EX", std::to_string(seconds)})
            .and_then([](value r) -> result<protokit::future::unit> {
                if (auto e = check(r, type::simple_string))
                    return e;
                return protokit::future::unit{};
            });
    }

    /// `INCR key`: the new value.
    auto incr(std::string_view key) { return call({"INCR", key}).and_then(&client::to_integer); }

    /// `INCRBY key n`: the new value.
    auto incrby(std::string_view key, std::int64_t n)
    {
        return call({"INCRBY", key, std::to_string(n)}).and_then(&client::to_integer);
    }

    /// `DEL key...`: how many keys there were.
    auto del(std::initializer_list<std::string_view> keys)
    {
        return call(with_name("DEL", keys)).and_then(&client::to_integer);
    }

    /// `MGET key...`: each value, or nothing for a missing key.
    auto mget(std::initializer_list<std::string_view> keys)
    {
        return call(with_name("MGET", keys))
            .and_then([](value r) -> result<std::vector<std::optional<io::bytes>>> {
                if (auto e = check(r, type::array))
                    return e;
                std::vector<std::optional<io::bytes>> out;
                for (auto const& element : r.elements()) {
                    auto one = to_optional_bytes(element);
                    if (!one)
                        return one.error();
                    out.push_back(std::move(*one));
                }
                return out;
            });
    }

    /// `EXPIRE key seconds`: whether the key exists (and now expires).
    auto expire(std::string_view key, std::int64_t seconds)
    {
        return call({"EXPIRE", key, std::to_string(seconds)}).and_then([](value r) -> result<bool> {
            auto n = to_integer(std::move(r));
            if (!n)
                return result<bool>(boost::system::in_place_error, n.error());
            return *n == 1;
        });
    }

    /// `TTL key`: seconds left, -1 without an expiry, -2 for a missing key.
    auto ttl(std::string_view key) { return call({"TTL", key}).and_then(&client::to_integer); }

    /// The protokit client service underneath (a Service of command -> value).
    service_type const& service() const noexcept { return service_; }

private:
    template <class T>
    using result = boost::system::result<T, protokit::future::error_code>;

    /// The error for a reply that is not of type `want` (none if it is).
    static protokit::future::error_code check(value const& r, type want)
    {
        if (r.is_error())
            return make_error_code(error::server_error);
        if (r.type() != want)
            return make_error_code(error::unexpected_reply);
        return {};
    }

    static result<std::int64_t> to_integer(value r)
    {
        if (auto e = check(r, type::integer))
            return e;
        return r.as_integer();
    }

    static result<std::string> to_text(value r)
    {
        if (r.is_error())
            return make_error_code(error::server_error);
        if (r.type() != type::simple_string && r.type() != type::bulk_string)
            return make_error_code(error::unexpected_reply);
        return std::string(r.text().view());
    }

    static result<std::optional<io::bytes>> to_optional_bytes(value r)
    {
        if (r.type() == type::null_bulk_string)
            return std::optional<io::bytes>();
        if (auto e = check(r, type::bulk_string))
            return e;
        return std::optional<io::bytes>(r.text());
    }

    static command with_name(std::string_view name, std::initializer_list<std::string_view> rest)
    {
        command c;
        c.push_back(io::bytes::from_static(name));
        for (auto k : rest)
            c.push_back(io::bytes(k));
        return c;
    }

    service_type service_;
};

} // namespace example::resp

#endif
