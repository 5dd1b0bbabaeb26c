// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
// An authoritative DNS server for one zone, over TCP and UDP on the same port.
//
//   dns_server --zone FILE [--listen 127.0.0.1:5353] [--threads N] [--origin NAME]
//       plus the load-balancer options of example/common/balancer.hpp
//
// The zone file is in master-file format (RFC 1035 section 5; see
// example/common/dns_zone.hpp for what is read). TCP is multiplexed: a
// connection carries many queries at once (the DNS id is the request id)
// and each answer leaves when it is ready (RFC 7766). Each server thread
// also serves UDP on a socket of its own (SO_REUSEPORT with more than one
// thread); a UDP answer over 512 bytes, or over the payload size the
// client's EDNS record names, is cut to its question with the TC flag, so
// the client asks again over TCP. Malformed queries get FORMERR; datagrams
// too short for a header, and responses sent to it, are dropped; a TCP
// frame too short for a header closes its connection. SIGINT / SIGTERM
// stop it gracefully.

#include <protokit/future/future_facade.hpp>
#include <protokit/future/ok.hpp>
#include <protokit/proto/tcp_server.hpp>
#include <protokit/reactor/udp_socket.hpp>
#include <protokit/service/service_fn.hpp>

#include "../common/args.hpp"
#include "../common/balancer.hpp"
#include "../common/dns.hpp"
#include "../common/dns_proto.hpp"
#include "../common/dns_zone.hpp"

#include <boost/asio/ip/udp.hpp>

#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace {

namespace dns = example::dns;
namespace pf = protokit::future;

/** Answers the queries that arrive on one UDP socket, one datagram at a time.

    Ends only with its reactor (or an error the socket will not recover from).
    Yields to the reactor after a batch of datagrams so that TCP
    connections on the same thread get their turn.
*/
class udp_responder : public pf::future_facade<udp_responder> {
public:
    using item_type = pf::unit;
    using error_type = pf::error_code;

    static constexpr int batch = 64;

    udp_responder(protokit::reactor::udp_socket socket, std::shared_ptr<dns::zone const> zone)
        : socket_(std::move(socket)), zone_(std::move(zone)), in_(dns::max_tcp_message)
    {
    }

    pf::poll_result<pf::unit> poll()
    {
        for (int n = 0; n < batch; ++n) {
            if (!out_.empty()) {
                auto sent =
                    socket_.poll_send_to(std::span<char const>(out_.data(), out_.size()), to_);
                if (sent.is_not_ready())
                    return pf::not_ready;
                if (sent.is_error())
                    std::cerr << "dns_server: udp send to " << to_ << ": " << sent.error().message()
                              << std::endl;
                out_.clear();
            }
            auto received = socket_.poll_recv_from(std::span<char>(in_));
            if (received.is_not_ready())
                return pf::not_ready;
            if (received.is_error()) {
                auto ec = std::move(received).error();
                if (ec == boost::asio::error::operation_aborted ||
                    ec == boost::asio::error::bad_descriptor)
                    return pf::fail(ec);
                std::cerr << "dns_server: udp receive: " << ec.message() << std::endl;
                continue;
            }
            auto const [size, from] = received.value();
            answer(std::span<char const>(in_.data(), size), from);
        }
        pf::current_task().notify();
        return pf::not_ready;
    }

private:
    void answer(std::span<char const> datagram, boost::asio::ip::udp::endpoint const& from)
    {
        auto head = dns::parse_header(datagram);
        if (!head || head->qr)
            return;
        auto reply = dns::respond(*zone_, dns::read_query(datagram));
        dns::writer(out_).write(reply.msg, reply.udp_limit);
        to_ = from;
    }

    protokit::reactor::udp_socket socket_;
    std::shared_ptr<dns::zone const> zone_;
    std::vector<char> in_;
    std::string out_;
    boost::asio::ip::udp::endpoint to_;
};

/// UDP sockets bound before the server starts, taken by its threads one each.
class udp_sockets {
public:
    /// Binds `n` sockets to `endpoint` (its port, if 0, chosen by the first); the error if one
    /// fails.
    boost::system::error_code bind(boost::asio::ip::udp::endpoint endpoint, std::size_t n)
    {
        boost::asio::io_context io;
        for (std::size_t i = 0; i < n; ++i) {
            boost::asio::ip::udp::socket s(io);
            boost::system::error_code ec;
            s.open(endpoint.protocol(), ec);
            if (!ec && n > 1)
                s.set_option(
                    boost::asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true),
                    ec);
            if (!ec)
                s.bind(endpoint, ec);
            if (!ec && i == 0)
                endpoint = s.local_endpoint(ec);
            if (ec)
                return ec;
            protocol_ = endpoint.protocol();
            fds_.push_back(s.release(ec));
            if (ec)
                return ec;
        }
        port_ = endpoint.port();
        return {};
    }

    /// The port the sockets are bound to.
    unsigned short port() const noexcept { return port_; }

    /// The next socket, made a reactor socket of `h`'s thread.
    boost::system::result<protokit::reactor::udp_socket> take(protokit::reactor::handle const& h)
    {
        std::lock_guard lock(mutex_);
        if (next_ >= fds_.size())
            return make_error_code(boost::system::errc::too_many_files_open);
        boost::asio::ip::udp::socket s(h.io_context(), protocol_, fds_[next_++]);
        return protokit::reactor::udp_socket::from_socket(h, std::move(s));
    }

    udp_sockets() = default;
    udp_sockets(udp_sockets const&) = delete;
    udp_sockets& operator=(udp_sockets const&) = delete;

    ~udp_sockets()
    {
        for (std::size_t i = next_; i < fds_.size(); ++i)
            ::close(fds_[i]);
    }

private:
    std::mutex mutex_;
    std::vector<int> fds_;
    std::size_t next_ = 0;
    unsigned short port_ = 0;
    boost::asio::ip::udp protocol_ = boost::asio::ip::udp::v4();
};

} // namespace

int main(int argc, char** argv)
{
    example::args args(
        argc, argv,
        std::string("dns_server --zone FILE [--listen HOST:PORT] [--threads N] [--origin NAME]") +
            std::string(example::balancer_usage));
    example::balancer_options const balancer(args);
    auto const listen = args.endpoint("listen", "127.0.0.1:5353");
    auto const threads = std::max<std::uint64_t>(1, args.number("threads", 1));
    auto const zone_file = args.get("zone");
    if (!zone_file)
        args.fail("--zone is required");
    std::optional<dns::name> origin;
    if (auto o = args.get("origin")) {
        origin = dns::name::from_text(*o, nullptr);
        if (!origin)
            origin = dns::name::from_text(*o + ".", nullptr);
        if (!origin)
            args.fail("--origin wants a domain name, not '" + *o + "'");
    }

    auto loaded = dns::zone::load(*zone_file, origin);
    if (!loaded) {
        std::cerr << "dns_server: " << *zone_file;
        if (loaded.error().line)
            std::cerr << ':' << loaded.error().line;
        std::cerr << ": " << loaded.error().what << std::endl;
        return 1;
    }
    auto zone = std::make_shared<dns::zone const>(std::move(*loaded));
    std::cerr << "dns_server: zone " << zone->apex().to_string() << ", " << zone->size()
              << " records" << std::endl;

    // UDP binds first, so that with port 0 both protocols share the port it got;
    // should TCP find that port taken, another is tried.
    for (int attempt = 0;; ++attempt) {
        auto udp = std::make_shared<udp_sockets>();
        if (auto ec = udp->bind({listen.address(), listen.port()}, threads)) {
            std::cerr << "dns_server: cannot listen on " << listen << " (UDP): " << ec.message()
                      << std::endl;
            return 1;
        }
        boost::asio::ip::tcp::endpoint const tcp_endpoint(listen.address(), udp->port());

        auto per_thread = [zone, udp](protokit::reactor::handle const& h) {
            auto socket = udp->take(h);
            if (socket)
                h.spawn(udp_responder(std::move(*socket), zone));
            else
                std::cerr << "dns_server: udp: " << socket.error().message() << std::endl;
            return [zone] {
                return protokit::service::service_fn(
                    [zone](dns::query q) { return pf::ok(dns::respond(*zone, q).msg); });
            };
        };

        auto ec = balancer
                      .apply(protokit::tcp_server(dns::tcp_server_proto{}, tcp_endpoint)
                                 .threads(threads)
                                 .max_in_flight(128)
                                 .idle_timeout(std::chrono::seconds(30))
                                 .on_listening([](auto const& ep) {
                                     std::cout << "listening on " << ep << std::endl;
                                 })
                                 .on_error([](auto const& ec, std::string_view what) {
                                     std::cerr << "dns_server: " << what << ": " << ec.message()
                                               << std::endl;
                                 }))
                      .with_handle(per_thread);
        if (!ec)
            return 0;
        if (ec == boost::asio::error::address_in_use && listen.port() == 0 && attempt < 10)
            continue;
        std::cerr << "dns_server: cannot listen on " << tcp_endpoint << ": " << ec.message()
                  << std::endl;
        return 1;
    }
}
