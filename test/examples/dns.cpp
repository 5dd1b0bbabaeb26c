// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include "../../example/common/dns.hpp"
#include "../../example/common/dns_proto.hpp"
#include "../../example/common/dns_zone.hpp"
#include "../support/child_process.hpp"

#include <boost/asio.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include <poll.h>
#include <unistd.h>

// The DNS examples: the message codec and the zone (unit tests), then
// dns_server driven by real, independently written clients (dig, kdig,
// dnsperf, from Debian's bind9-dnsutils, knot-dnsutils and dnsperf, which
// scripts/deps installs) and by dns_client, on 127.0.0.1 with free ports.

BOOST_AUTO_TEST_SUITE(examples_dns)

namespace {

namespace dns = example::dns;
namespace pt = protokit::test;
using namespace std::chrono_literals;

/// An absolute name (a final dot is added if missing).
dns::name dname(std::string text)
{
    if (!text.ends_with('.'))
        text += '.';
    auto n = dns::name::from_text(text);
    BOOST_REQUIRE_MESSAGE(n, "not a name: " << text);
    return *n;
}

dns::record rr(std::string owner, std::uint16_t type, std::uint32_t ttl, dns::rdata data)
{
    return {dname(std::move(owner)), type, dns::klass::in, ttl, std::move(data)};
}

std::string const test_zone =
    R"zone(; The test zone: every record type, every syntax the reader takes.
$ORIGIN example.com.
$TTL 1h
@       IN  SOA ns1 hostmaster.example.com. (
                2024010101 ; serial
                2h         ; refresh
                15m 1w
                300 )      ; minimum: the negative TTL
        IN  NS  ns1
        NS      ns2.example.net.
ns1     A       192.0.2.53
        AAAA    2001:db8::53
www     300 IN A 192.0.2.1
www     IN 300 A 192.0.2.2
www     AAAA    2001:db8::1
alias   CNAME   www
chain   CNAME   alias.example.com.
outside CNAME   www.example.org.
dangling CNAME  nothere
loop1   CNAME   loop2
loop2   CNAME   loop1
txt     TXT     "hello world" "say \"hi\"" plain \065\066
a.b.deep A      192.0.2.9
Mixed.Case A    192.0.2.10
sub     NS      ns.sub
ns.sub  A       192.0.2.77
big     TXT     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
big     TXT     "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
big     TXT     "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
)zone";

dns::zone const& the_zone()
{
    static dns::zone const z = [] {
        auto r = dns::zone::parse(test_zone);
        BOOST_REQUIRE_MESSAGE(r, "line " << (r ? 0 : r.error().line) << ": "
                                         << (r ? "" : r.error().what));
        return *r;
    }();
    return z;
}

/// The reply to a query for `qname` and `qtype`, with an EDNS record of `edns_size` if given.
dns::reply ask(std::string qname, std::uint16_t qtype,
               std::optional<std::uint16_t> edns_size = std::nullopt)
{
    dns::query q;
    q.msg = dns::make_query(dname(std::move(qname)), qtype);
    q.msg.head.id = 4242;
    q.msg.head.rd = true;
    if (edns_size)
        q.msg.additional.push_back({dns::name(), dns::type::opt, *edns_size, 0, dns::raw_data{}});
    auto r = dns::respond(the_zone(), q);
    BOOST_TEST(r.msg.head.id == 4242);
    BOOST_TEST(r.msg.head.qr);
    BOOST_TEST(r.msg.head.rd);
    return r;
}

/// The answer section as master-file lines.
std::vector<std::string> lines(std::vector<dns::record> const& records)
{
    std::vector<std::string> out;
    for (auto const& r : records)
        out.push_back(dns::to_string(r));
    return out;
}

/// A message's bytes from a hex string (spaces ignored).
std::string unhex(std::string_view hex)
{
    std::string out;
    std::string digits;
    for (char c : hex)
        if (c != ' ')
            digits.push_back(c);
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

std::optional<dns::parse_error> parse_error_of(std::string const& wire)
{
    auto m = dns::parse(std::span<char const>(wire.data(), wire.size()));
    if (m)
        return std::nullopt;
    return m.error();
}

// ---- real programs ----

/// A directory of its own under the system's temporary one, removed at the end.
struct temp_dir {
    std::filesystem::path path;

    temp_dir()
    {
        std::string templ =
            (std::filesystem::temp_directory_path() / "protokit-dns-XXXXXX").string();
        BOOST_REQUIRE(::mkdtemp(templ.data()) != nullptr);
        path = templ;
    }
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }

    std::string write(std::string const& file, std::string const& text) const
    {
        std::ofstream(path / file) << text;
        return (path / file).string();
    }
};

/// The path of a program installed from Debian (see scripts/deps).
std::string tool(std::string const& name)
{
    for (auto dir : {"/usr/bin", "/usr/sbin", "/usr/local/bin"}) {
        auto p = std::filesystem::path(dir) / name;
        if (::access(p.c_str(), X_OK) == 0)
            return p.string();
    }
    BOOST_FAIL(name + " is not installed: scripts/deps installs it (Debian bind9-dnsutils, "
                      "knot-dnsutils, dnsperf)");
    return {};
}

/// Runs a program to its end (at most 60 s); its exit code and output.
std::pair<int, std::string> run(std::string const& path, std::vector<std::string> const& args)
{
    pt::child_process p(path, args);
    auto code = p.wait(60s);
    BOOST_REQUIRE_MESSAGE(code, path << " did not finish: " << p.output());
    return {*code, p.output()};
}

/// dns_server on a free port with the test zone, stopped (SIGTERM) at the end.
struct server {
    temp_dir dir;
    std::optional<pt::child_process> process;
    std::string address;
    std::string port;

    explicit server(std::vector<std::string> extra = {})
    {
        std::vector<std::string> args{"--listen", "127.0.0.1:0", "--zone",
                                      dir.write("example.com.zone", test_zone)};
        args.insert(args.end(), extra.begin(), extra.end());
        process.emplace(pt::program_path("dns_server"), args);
        auto line = process->wait_for_line("listening on ");
        BOOST_REQUIRE_MESSAGE(line, "dns_server did not start: " << process->output());
        address = line->substr(std::string("listening on ").size());
        port = address.substr(address.rfind(':') + 1);
    }

    /// dig's arguments for this server, bounded in time.
    std::vector<std::string> dig(std::vector<std::string> more) const
    {
        std::vector<std::string> args{"@127.0.0.1", "-p", port, "+time=5", "+tries=1"};
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }

    std::optional<int> stop()
    {
        process->signal(SIGTERM);
        return process->wait();
    }
};

/// Lines of `text` that match `pattern` (a regex), in order.
std::vector<std::string> grep(std::string const& text, std::string const& pattern)
{
    std::vector<std::string> out;
    std::regex const re(pattern);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        if (std::regex_search(line, re))
            out.push_back(line);
        start = end + 1;
    }
    return out;
}

/// A blocking TCP connection to the server whose reads give up after a deadline.
class tcp_peer {
public:
    explicit tcp_peer(std::string const& port) : socket_(io_)
    {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"),
                         static_cast<unsigned short>(std::stoi(port))});
    }

    void send(std::string const& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }

    /// Sends `m` with its length prefix.
    void send_frame(std::string const& m)
    {
        std::string framed{static_cast<char>(m.size() >> 8), static_cast<char>(m.size() & 0xff)};
        send(framed + m);
    }

    /// The next whole frame's message; nothing if the connection closed or 10 s passed.
    std::optional<std::string> read_frame()
    {
        while (true) {
            if (buffer_.size() >= 2) {
                std::size_t len = std::size_t(static_cast<unsigned char>(buffer_[0])) << 8 |
                                  static_cast<unsigned char>(buffer_[1]);
                if (buffer_.size() >= 2 + len) {
                    std::string m = buffer_.substr(2, len);
                    buffer_.erase(0, 2 + len);
                    return m;
                }
            }
            pollfd p{socket_.native_handle(), POLLIN, 0};
            if (::poll(&p, 1, 10000) <= 0)
                return std::nullopt;
            char chunk[4096];
            auto n = ::read(socket_.native_handle(), chunk, sizeof chunk);
            if (n <= 0)
                return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    std::string buffer_;
};

/// Sends one datagram to the server; its answer, or nothing after `wait_ms`.
std::optional<std::string> udp_exchange(std::string const& port, std::string const& datagram,
                                        int wait_ms = 5000)
{
    boost::asio::io_context io;
    boost::asio::ip::udp::socket s(io, boost::asio::ip::udp::v4());
    s.send_to(boost::asio::buffer(datagram), {boost::asio::ip::make_address("127.0.0.1"),
                                              static_cast<unsigned short>(std::stoi(port))});
    pollfd p{s.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0)
        return std::nullopt;
    std::string answer(65536, '\0');
    answer.resize(s.receive(boost::asio::buffer(answer)));
    return answer;
}

dns::message parsed(std::optional<std::string> const& wire)
{
    BOOST_REQUIRE(wire);
    auto m = dns::parse(std::span<char const>(wire->data(), wire->size()));
    BOOST_REQUIRE_MESSAGE(m, "the answer does not parse: " << dns::to_string(m.error()));
    return *m;
}

} // namespace

// ---- the codec ----

BOOST_AUTO_TEST_CASE(every_record_type_round_trips)
{
    dns::message m;
    m.head = {.id = 0xbeef,
              .qr = true,
              .opcode = 0,
              .aa = true,
              .tc = false,
              .rd = true,
              .ra = false,
              .ad = true,
              .cd = true,
              .rcode = dns::rcode::nxdomain};
    m.questions.push_back({dname("www.example.com"), dns::type::any, dns::klass::in});
    m.answers.push_back(
        rr("www.example.com", dns::type::a, 300, boost::asio::ip::make_address_v4("192.0.2.1")));
    m.answers.push_back(rr("www.example.com", dns::type::aaaa, 300,
                           boost::asio::ip::make_address_v6("2001:db8::1")));
    m.answers.push_back(rr("www.example.com", dns::type::cname, 60, dname("host.example.com")));
    m.answers.push_back(rr("www.example.com", dns::type::txt, 1,
                           dns::txt_data{{"hello", "", std::string(255, 'x')}}));
    m.authority.push_back(rr("example.com", dns::type::ns, 3600, dname("ns1.example.com")));
    m.authority.push_back(
        rr("example.com", dns::type::soa, 3600,
           dns::soa_data{dname("ns1.example.com"), dname("hostmaster.example.com"), 2024010101,
                         7200, 900, 604800, 300}));
    m.additional.push_back(
        rr("example.com", 99, 5, dns::raw_data{std::string("\x01\x02\x00\x03", 4)}));
    m.additional.push_back({dns::name(), dns::type::opt, 1232, 0x8000, dns::raw_data{}});
    auto wire = dns::serialize(m);
    auto back = dns::parse(std::span<char const>(wire.data(), wire.size()));
    BOOST_REQUIRE(back);
    BOOST_TEST((*back == m));
    BOOST_TEST(dns::to_string(back->answers[3]) ==
               "www.example.com. 1 IN TXT \"hello\" \"\" \"" + std::string(255, 'x') + "\"");
    BOOST_TEST(dns::to_string(back->additional[0]) == "example.com. 5 IN TYPE99 \\# 4 01020003");
    BOOST_TEST(dns::to_string(back->authority[1]) ==
               "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 "
               "900 604800 300");
}

BOOST_AUTO_TEST_CASE(names_are_compressed_on_write_and_read)
{
    dns::message m;
    m.questions.push_back({dname("WWW.Example.COM"), dns::type::a, dns::klass::in});
    m.answers.push_back(rr("www.example.com", dns::type::cname, 60, dname("host.example.com")));
    m.answers.push_back(
        rr("host.example.com", dns::type::a, 60, boost::asio::ip::make_address_v4("192.0.2.1")));
    auto wire = dns::serialize(m);
    // Header 12, question 17 + 4; the owner is a pointer to the question (case aside),
    // the CNAME target "host" then a pointer to "example.com", the A's owner a pointer to the
    // target.
    BOOST_TEST(wire.size() == 12u + 21 + (2 + 10 + 7) + (2 + 10 + 4));
    BOOST_TEST(wire.substr(33, 2) == std::string("\xc0\x0c", 2));
    BOOST_TEST(wire.substr(45, 7) == std::string("\x04host\xc0\x10", 7));
    BOOST_TEST(wire.substr(52, 2) == std::string("\xc0\x2d", 2));
    auto back = dns::parse(std::span<char const>(wire.data(), wire.size()));
    BOOST_REQUIRE(back);
    BOOST_TEST((*back == m));
    // The spelling read back is the question's, where the pointer led.
    BOOST_TEST(back->answers[0].owner.to_string() == "WWW.Example.COM.");
}

// Found by fuzz_dns_message: a name whose last labels repeat ("a.a.", "com.com.") matched its
// own unfinished wire form, where the end of the output read as a root label, and was written
// as a pointer to itself: a message no resolver (nor this parser) could read.
BOOST_AUTO_TEST_CASE(a_name_with_repeated_labels_is_not_compressed_into_itself)
{
    for (auto text : {"a.a", "com.com", "x.y.x.y", "example.com.com"}) {
        BOOST_TEST_CONTEXT(text)
        {
            dns::message m;
            m.questions.push_back({dname(text), dns::type::a, dns::klass::in});
            m.answers.push_back(
                rr(text, dns::type::a, 60, boost::asio::ip::make_address_v4("192.0.2.1")));
            auto wire = dns::serialize(m);
            auto back = dns::parse(std::span<char const>(wire.data(), wire.size()));
            BOOST_REQUIRE(back);
            BOOST_TEST((*back == m));
            // The question's name is written whole; the answer's owner points at it.
            BOOST_TEST(wire.substr(wire.size() - 16, 2) == std::string("\xc0\x0c", 2));
        }
    }
}

BOOST_AUTO_TEST_CASE(compression_pointer_loops_and_out_of_bounds_pointers_are_errors)
{
    std::string const head = unhex("1234 0100 0001 0000 0000 0000");
    // The question's name is a pointer to itself.
    BOOST_TEST((parse_error_of(head + unhex("c00c 0001 0001")) == dns::parse_error::bad_pointer));
    // A label, then a pointer back to that label: a loop through two steps.
    BOOST_TEST(
        (parse_error_of(head + unhex("0161 c00c 0001 0001")) == dns::parse_error::bad_pointer));
    // Forward, and past the end.
    BOOST_TEST(
        (parse_error_of(head + unhex("c010 0001 0001 00")) == dns::parse_error::bad_pointer));
    BOOST_TEST((parse_error_of(head + unhex("ffff 0001 0001")) == dns::parse_error::bad_pointer));
    // A pointer cut in half, and a label running past the end.
    BOOST_TEST((parse_error_of(head + unhex("c0")) == dns::parse_error::truncated));
    BOOST_TEST((parse_error_of(head + unhex("0561 62")) == dns::parse_error::truncated));
    // The reserved label types 01 and 10.
    BOOST_TEST((parse_error_of(head + unhex("4161 00 0001 0001")) == dns::parse_error::bad_label));
    BOOST_TEST((parse_error_of(head + unhex("8161 00 0001 0001")) == dns::parse_error::bad_label));
    // A chain of backward pointers is fine, until the name it spells passes 255 bytes.
    std::string const label63 = "\x3f" + std::string(63, 'x');
    std::string chained = unhex("1234 0100 0004 0000 0000 0000");
    chained += label63 + '\0' + unhex("0001 0001");          // x63.           at 12
    chained += label63 + unhex("c00c") + unhex("0001 0001"); // x63.x63.       at 12+69
    chained += label63 + unhex("c051") + unhex("0001 0001"); // x63.x63.x63.   at 12+69+70
    chained += label63 + unhex("c097") + unhex("0001 0001"); // four: 257 bytes
    BOOST_TEST((parse_error_of(chained) == dns::parse_error::name_too_long));
    chained[5] = 3; // three questions: 193 bytes at most
    BOOST_TEST((parse_error_of(chained) == dns::parse_error::trailing_data));
    chained.resize(chained.size() - 70);
    auto three = dns::parse(std::span<char const>(chained.data(), chained.size()));
    BOOST_REQUIRE(three);
    BOOST_TEST(three->questions[2].qname.label_count() == 3u);
}

BOOST_AUTO_TEST_CASE(every_cut_of_a_message_is_an_error_and_never_a_crash)
{
    auto r = ask("chain.example.com", dns::type::a);
    auto wire = dns::serialize(r.msg);
    for (std::size_t n = 0; n < wire.size(); ++n)
        BOOST_TEST(parse_error_of(wire.substr(0, n)).has_value(), "a cut at " << n << " parsed");
    BOOST_TEST((parse_error_of(wire + '\0') == dns::parse_error::trailing_data));
    BOOST_TEST(!parse_error_of(wire));
    // Garbage of every length from a fixed seed: errors, never a crash.
    unsigned seed = 12345;
    for (int i = 0; i < 2000; ++i) {
        std::string junk = wire.substr(0, 12);
        for (int k = 0; k < i % 64; ++k)
            junk.push_back(static_cast<char>((seed = seed * 1103515245 + 12345) >> 16));
        (void)parse_error_of(junk);
    }
}

BOOST_AUTO_TEST_CASE(record_data_must_fit_its_type)
{
    std::string const head = unhex("1234 8400 0000 0001 0000 0000");
    std::string const owner_type_class_ttl = unhex("00 0001 0001 0000 0e10");
    BOOST_TEST((parse_error_of(head + owner_type_class_ttl + unhex("0005 c0000201 01")) ==
                dns::parse_error::bad_rdata));
    // A CNAME whose name runs past its record data.
    BOOST_TEST((parse_error_of(head + unhex("00 0005 0001 0000 0e10 0002 0161 00")) ==
                dns::parse_error::bad_rdata));
    // A TXT string longer than what is left of the data.
    BOOST_TEST((parse_error_of(head + unhex("00 0010 0001 0000 0e10 0002 0561")) ==
                dns::parse_error::bad_rdata));
    // Record data longer than the message.
    BOOST_TEST((parse_error_of(head + owner_type_class_ttl + unhex("0004 c000")) ==
                dns::parse_error::truncated));
}

BOOST_AUTO_TEST_CASE(tcp_frames_carry_the_id_and_short_frames_are_errors)
{
    dns::tcp_server_codec codec;
    auto query = dns::serialize(dns::make_query(dname("www.example.com"), dns::type::a));
    query[0] = '\x12';
    query[1] = '\x34';
    std::string two = std::string{0, static_cast<char>(query.size())} + query;
    two += two;
    protokit::io::bytes_mut buf(two.substr(0, 10));
    auto none = codec.decode(buf);
    BOOST_REQUIRE(none);
    BOOST_TEST(!none->has_value());
    buf.append(std::string_view(two).substr(10));
    for (int i = 0; i < 2; ++i) {
        auto q = codec.decode(buf);
        BOOST_REQUIRE(q);
        BOOST_REQUIRE(q->has_value());
        BOOST_TEST((*q)->first == 0x1234);
        BOOST_TEST(!(*q)->second.error);
        BOOST_TEST((*q)->second.msg.questions.front().qname.to_string() == "www.example.com.");
    }
    BOOST_TEST(buf.empty());

    // Twelve bytes or more: a query, malformed or not. Fewer: the stream is broken.
    protokit::io::bytes_mut bad(unhex("000e 4321 0000 0001 0000 0000 0000 c00c"));
    auto q = codec.decode(bad);
    BOOST_REQUIRE(q);
    BOOST_TEST((*q)->first == 0x4321);
    BOOST_TEST(((*q)->second.error == dns::parse_error::bad_pointer));
    protokit::io::bytes_mut tiny(unhex("0005 0102030405"));
    BOOST_TEST(codec.decode(tiny).has_error());

    protokit::io::bytes_mut out;
    dns::message response;
    BOOST_REQUIRE(codec.encode({0xabcd, response}, out));
    BOOST_TEST(out.view() == unhex("000c abcd 0000 0000 0000 0000 0000"));
}

// ---- the zone ----

BOOST_AUTO_TEST_CASE(the_zone_file_reader_takes_the_master_file_syntax)
{
    auto const& z = the_zone();
    BOOST_TEST(z.apex().to_string() == "example.com.");
    BOOST_TEST(z.size() == 22u);
    BOOST_TEST(lines(ask("example.com", dns::type::soa).msg.answers) ==
                   std::vector<std::string>{
                       "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. "
                       "2024010101 7200 900 604800 300"},
               boost::test_tools::per_element());
    BOOST_TEST(lines(ask("example.com", dns::type::ns).msg.answers) ==
                   (std::vector<std::string>{"example.com. 3600 IN NS ns1.example.com.",
                                             "example.com. 3600 IN NS ns2.example.net."}),
               boost::test_tools::per_element());
    // The blank owner is the previous one; TTL and class come in either order.
    BOOST_TEST(lines(ask("ns1.example.com", dns::type::aaaa).msg.answers) ==
                   std::vector<std::string>{"ns1.example.com. 3600 IN AAAA 2001:db8::53"},
               boost::test_tools::per_element());
    BOOST_TEST(lines(ask("www.example.com", dns::type::a).msg.answers) ==
                   (std::vector<std::string>{"www.example.com. 300 IN A 192.0.2.1",
                                             "www.example.com. 300 IN A 192.0.2.2"}),
               boost::test_tools::per_element());
    BOOST_TEST(lines(ask("txt.example.com", dns::type::txt).msg.answers) ==
                   std::vector<std::string>{
                       "txt.example.com. 3600 IN TXT \"hello world\" \"say \\\"hi\\\"\" "
                       "\"plain\" \"AB\""},
               boost::test_tools::per_element());
    BOOST_TEST(lines(ask("mixed.case.EXAMPLE.com", dns::type::a).msg.answers) ==
                   std::vector<std::string>{"Mixed.Case.example.com. 3600 IN A 192.0.2.10"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(zone_file_errors_name_their_line)
{
    std::string const soa = "$ORIGIN example.com.\n$TTL 60\n@ SOA ns hm 1 2 3 4 5\n";
    std::vector<std::pair<std::string, std::pair<std::size_t, std::string>>> const cases{
        {soa + "www A 192.0.2.300\n", {4, "bad A address"}},
        {soa + "www AAAA 192.0.2.1\n", {4, "bad AAAA address"}},
        {soa + "\nwww MX 10 mail\n", {5, "unknown record type 'MX'"}},
        {soa + "www A\n", {4, "A wants 1 field, not 0"}},
        {soa + "www CH A 192.0.2.1\n", {4, "class CH is not supported"}},
        {soa + "www TXT \"unterminated\n", {4, "unterminated quoted string"}},
        {soa + "www TXT ( \"a\"\n", {4, "'(' without ')'"}},
        {soa + "www A 192.0.2.1 )\n", {4, "')' without '('"}},
        {soa + "www TXT \"" + std::string(256, 'x') + "\"\n", {4, "TXT string over 255 bytes"}},
        {soa + "www A 192.0.2.1\nwww CNAME other\n", {5, "CNAME and other data"}},
        {soa + "www.example.org. A 192.0.2.1\n", {4, "outside the zone"}},
        {soa + "$INCLUDE other.zone\n", {4, "unsupported directive $INCLUDE"}},
        {soa + "a..b A 192.0.2.1\n", {4, "bad owner name"}},
        {"$TTL 60\nwww A 192.0.2.1\n", {2, "relative name 'www' with no $ORIGIN"}},
        {"$ORIGIN example.com.\nwww A 192.0.2.1\n", {2, "no TTL"}},
        {"$ORIGIN example.com.\n$TTL 60\nwww A 192.0.2.1\n", {0, "no SOA record"}},
        {soa + "@ SOA ns hm 2 2 3 4 5\n", {0, "more than one SOA record"}},
        {soa + "@ SOA ns hm 99999999999 2 3 4 5\n", {4, "bad SOA serial"}},
    };
    for (auto const& [text, expected] : cases) {
        auto r = dns::zone::parse(text);
        BOOST_TEST_CONTEXT(text)
        {
            BOOST_REQUIRE(r.has_error());
            BOOST_TEST(r.error().line == expected.first);
            BOOST_TEST(r.error().what.find(expected.second) != std::string::npos, r.error().what);
        }
    }
    // An origin given from outside stands for a missing $ORIGIN.
    auto given =
        dns::zone::parse("$TTL 60\n@ SOA ns hm 1 2 3 4 5\nwww A 192.0.2.1\n", dname("example.net"));
    BOOST_REQUIRE(given);
    BOOST_TEST(given->apex().to_string() == "example.net.");
}

BOOST_AUTO_TEST_CASE(answers_follow_the_authoritative_rules)
{
    // A CNAME chain followed inside the zone.
    auto chain = ask("chain.example.com", dns::type::a);
    BOOST_TEST(chain.msg.head.rcode == dns::rcode::noerror);
    BOOST_TEST(chain.msg.head.aa);
    BOOST_TEST(lines(chain.msg.answers) ==
                   (std::vector<std::string>{"chain.example.com. 3600 IN CNAME alias.example.com.",
                                             "alias.example.com. 3600 IN CNAME www.example.com.",
                                             "www.example.com. 300 IN A 192.0.2.1",
                                             "www.example.com. 300 IN A 192.0.2.2"}),
               boost::test_tools::per_element());
    // A CNAME asked for is not followed; one leaving the zone, or looping, ends the chain.
    BOOST_TEST(ask("alias.example.com", dns::type::cname).msg.answers.size() == 1u);
    BOOST_TEST(ask("outside.example.com", dns::type::a).msg.answers.size() == 1u);
    auto loop = ask("loop1.example.com", dns::type::a);
    BOOST_TEST(loop.msg.answers.size() == 2u);
    BOOST_TEST(loop.msg.head.rcode == dns::rcode::noerror);
    // A CNAME to a missing name: NXDOMAIN (RFC 6604), with the chain and the SOA.
    auto dangling = ask("dangling.example.com", dns::type::a);
    BOOST_TEST(dangling.msg.head.rcode == dns::rcode::nxdomain);
    BOOST_TEST(dangling.msg.answers.size() == 1u);
    BOOST_TEST(dangling.msg.authority.size() == 1u);

    // NXDOMAIN and NODATA carry the SOA with the negative TTL (RFC 2308).
    auto missing = ask("nope.example.com", dns::type::a);
    BOOST_TEST(missing.msg.head.rcode == dns::rcode::nxdomain);
    BOOST_TEST(missing.msg.head.aa);
    BOOST_TEST(missing.msg.answers.empty());
    BOOST_TEST(lines(missing.msg.authority) ==
                   std::vector<std::string>{
                       "example.com. 300 IN SOA ns1.example.com. hostmaster.example.com. "
                       "2024010101 7200 900 604800 300"},
               boost::test_tools::per_element());
    auto nodata = ask("www.example.com", dns::type::txt);
    BOOST_TEST(nodata.msg.head.rcode == dns::rcode::noerror);
    BOOST_TEST(nodata.msg.answers.empty());
    BOOST_TEST(nodata.msg.authority.size() == 1u);
    // A name with nothing but names below it exists (an empty non-terminal).
    auto empty = ask("b.deep.example.com", dns::type::a);
    BOOST_TEST(empty.msg.head.rcode == dns::rcode::noerror);
    BOOST_TEST(empty.msg.authority.size() == 1u);

    // ANY: every record at the name; NS answers come with their in-zone addresses.
    BOOST_TEST(ask("www.example.com", dns::type::any).msg.answers.size() == 3u);
    BOOST_TEST(lines(ask("example.com", dns::type::ns).msg.additional) ==
                   (std::vector<std::string>{"ns1.example.com. 3600 IN A 192.0.2.53",
                                             "ns1.example.com. 3600 IN AAAA 2001:db8::53"}),
               boost::test_tools::per_element());

    // Below a delegation: a referral, not authoritative, with glue.
    auto referral = ask("host.sub.example.com", dns::type::a);
    BOOST_TEST(!referral.msg.head.aa);
    BOOST_TEST(referral.msg.head.rcode == dns::rcode::noerror);
    BOOST_TEST(referral.msg.answers.empty());
    BOOST_TEST(lines(referral.msg.authority) ==
                   std::vector<std::string>{"sub.example.com. 3600 IN NS ns.sub.example.com."},
               boost::test_tools::per_element());
    BOOST_TEST(referral.msg.additional.size() == 1u);

    // Outside the zone, another class, zone transfers.
    auto outside = ask("www.example.org", dns::type::a);
    BOOST_TEST(outside.msg.head.rcode == dns::rcode::refused);
    BOOST_TEST(!outside.msg.head.aa);
    BOOST_TEST(ask("example.com", dns::type::axfr).msg.head.rcode == dns::rcode::notimp);
    dns::query chaos;
    chaos.msg.questions.push_back({dname("version.bind"), dns::type::txt, 3});
    BOOST_TEST(dns::respond(the_zone(), chaos).msg.head.rcode == dns::rcode::refused);
}

BOOST_AUTO_TEST_CASE(malformed_queries_get_formerr_and_other_opcodes_notimp)
{
    dns::query broken;
    broken.error = dns::parse_error::bad_pointer;
    broken.msg.head.id = 7;
    auto r = dns::respond(the_zone(), broken);
    BOOST_TEST(r.msg.head.rcode == dns::rcode::formerr);
    BOOST_TEST(r.msg.head.id == 7);
    BOOST_TEST(r.msg.questions.empty());

    dns::query two;
    two.msg = dns::make_query(dname("www.example.com"), dns::type::a);
    two.msg.questions.push_back(two.msg.questions.front());
    BOOST_TEST(dns::respond(the_zone(), two).msg.head.rcode == dns::rcode::formerr);
    dns::query none;
    BOOST_TEST(dns::respond(the_zone(), none).msg.head.rcode == dns::rcode::formerr);

    dns::query notify;
    notify.msg = dns::make_query(dname("example.com"), dns::type::soa);
    notify.msg.head.opcode = 4;
    auto n = dns::respond(the_zone(), notify);
    BOOST_TEST(n.msg.head.rcode == dns::rcode::notimp);
    BOOST_TEST(n.msg.head.opcode == 4);
}

BOOST_AUTO_TEST_CASE(edns_sets_the_udp_limit_and_answers_over_it_are_truncated)
{
    auto classic = ask("big.example.com", dns::type::txt);
    BOOST_TEST(classic.udp_limit == 512u);
    BOOST_TEST(classic.msg.additional.empty());
    auto full = dns::serialize(classic.msg);
    BOOST_TEST(full.size() > 512u);
    std::string cut;
    dns::writer(cut).write(classic.msg, classic.udp_limit);
    auto m = parsed(cut);
    BOOST_TEST(m.head.tc);
    BOOST_TEST(m.answers.empty());
    BOOST_TEST(m.questions.size() == 1u);

    auto edns = ask("big.example.com", dns::type::txt, 4096);
    BOOST_TEST(edns.udp_limit == 4096u);
    BOOST_REQUIRE(edns.msg.additional.size() == 1u);
    BOOST_TEST(edns.msg.additional[0].rtype == dns::type::opt);
    BOOST_TEST(edns.msg.additional[0].rclass == dns::server_udp_size);
    std::string whole;
    dns::writer(whole).write(edns.msg, edns.udp_limit);
    BOOST_TEST(!parsed(whole).head.tc);
    BOOST_TEST(parsed(whole).answers.size() == 3u);
    // A tiny EDNS size is read as 512; the OPT record survives the cut.
    auto small = ask("big.example.com", dns::type::txt, 100);
    BOOST_TEST(small.udp_limit == 512u);
    std::string small_cut;
    dns::writer(small_cut).write(small.msg, small.udp_limit);
    BOOST_TEST(parsed(small_cut).head.tc);
    BOOST_TEST(parsed(small_cut).additional.size() == 1u);

    // EDNS version 1: BADVERS, whose upper bits go in the OPT record.
    dns::query v1;
    v1.msg = dns::make_query(dname("www.example.com"), dns::type::a);
    v1.msg.additional.push_back({dns::name(), dns::type::opt, 1232, 1u << 16, dns::raw_data{}});
    auto bad = dns::respond(the_zone(), v1);
    BOOST_TEST(bad.msg.head.rcode == 0);
    BOOST_REQUIRE(bad.msg.additional.size() == 1u);
    BOOST_TEST((bad.msg.additional[0].ttl >> 24) == 1u);
    BOOST_TEST(bad.msg.answers.empty());
}

// ---- dns_server with real clients ----

BOOST_AUTO_TEST_CASE(dig_gets_the_zones_answers_over_udp_and_tcp)
{
    server s;
    auto const dig = tool("dig");
    for (std::string transport : {"+notcp", "+tcp"}) {
        BOOST_TEST_CONTEXT(transport)
        {
            auto [code, out] = run(dig, s.dig({transport, "+short", "chain.example.com", "A"}));
            BOOST_TEST(code == 0, out);
            BOOST_TEST(out == "alias.example.com.\nwww.example.com.\n192.0.2.1\n192.0.2.2\n");
            auto [c2, aaaa] = run(dig, s.dig({transport, "+short", "www.example.com", "AAAA"}));
            BOOST_TEST(aaaa == "2001:db8::1\n");
            auto [c3, txt] = run(dig, s.dig({transport, "+short", "txt.example.com", "TXT"}));
            BOOST_TEST(txt == "\"hello world\" \"say \\\"hi\\\"\" \"plain\" \"AB\"\n");
            auto [c4, ns] = run(dig, s.dig({transport, "+short", "example.com", "NS"}));
            BOOST_TEST(ns == "ns1.example.com.\nns2.example.net.\n");
            auto [c5, soa] = run(dig, s.dig({transport, "+short", "example.com", "SOA"}));
            BOOST_TEST(soa ==
                       "ns1.example.com. hostmaster.example.com. 2024010101 7200 900 604800 300\n");

            auto [c6, nx] = run(dig, s.dig({transport, "nope.example.com", "A"}));
            BOOST_TEST(grep(nx, "status: NXDOMAIN").size() == 1u, nx);
            BOOST_TEST(grep(nx, "flags: qr aa rd;").size() == 1u, nx);
            BOOST_TEST(grep(nx, "^example\\.com\\.\\s+300\\s+IN\\s+SOA\\s+ns1\\.example\\.com\\.")
                               .size() == 1u,
                       nx);
            auto [c7, refused] = run(dig, s.dig({transport, "www.example.org", "A"}));
            BOOST_TEST(grep(refused, "status: REFUSED").size() == 1u, refused);
        }
    }
    // Over 512 bytes without EDNS: truncated over UDP (dig +ignore shows it) ...
    auto [c8, truncated] = run(dig, s.dig({"+noedns", "+ignore", "big.example.com", "TXT"}));
    BOOST_TEST(grep(truncated, "flags: qr aa tc rd;").size() == 1u, truncated);
    BOOST_TEST(grep(truncated, "ANSWER: 0").size() == 1u, truncated);
    // ... and dig, told so, asks again over TCP and gets it all.
    auto [c9, retried] = run(dig, s.dig({"+noedns", "big.example.com", "TXT"}));
    BOOST_TEST(grep(retried, "Truncated, retrying in TCP mode").size() == 1u, retried);
    BOOST_TEST(grep(retried, "^big\\.example\\.com\\..*TXT").size() == 3u, retried);
    // With EDNS (dig's default 1232 bytes) it fits over UDP.
    auto [c10, edns] = run(dig, s.dig({"big.example.com", "TXT"}));
    BOOST_TEST(grep(edns, "flags: qr aa rd;").size() == 1u, edns);
    BOOST_TEST(grep(edns, "EDNS: version: 0").size() == 1u, edns);
    BOOST_TEST(grep(edns, "^big\\.example\\.com\\..*TXT").size() == 3u, edns);
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(kdig_sends_several_queries_on_one_connection)
{
    server s;
    auto [code, out] =
        run(tool("kdig"), {"@127.0.0.1", "-p", s.port, "+tcp", "+keepopen", "+time=5", "+retry=0",
                           "www.example.com", "A", "alias.example.com", "AAAA", "nope.example.com",
                           "A", "txt.example.com", "TXT", "example.com", "SOA"});
    BOOST_TEST(code == 0, out);
    BOOST_TEST(grep(out, "status: NOERROR").size() == 4u, out);
    BOOST_TEST(grep(out, "status: NXDOMAIN").size() == 1u, out);
    BOOST_TEST(
        grep(out, "^www\\.example\\.com\\.\\s+300\\s+IN\\s+A\\s+192\\.0\\.2\\.[12]$").size() == 2u,
        out);
    BOOST_TEST(
        grep(out, "^alias\\.example\\.com\\.\\s+3600\\s+IN\\s+CNAME\\s+www\\.example\\.com\\.$")
                .size() == 1u,
        out);
    BOOST_TEST(grep(out, "^www\\.example\\.com\\.\\s+3600\\s+IN\\s+AAAA\\s+2001:db8::1$").size() ==
                   1u,
               out);
    BOOST_TEST(grep(out, "^txt\\.example\\.com\\..*TXT\\s+\"hello world\"").size() == 1u, out);
    // Every query went over TCP (kdig names the protocol of each answer).
    BOOST_TEST(grep(out, "\\(TCP\\)").size() == 5u, out);
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(dnsperf_over_tcp_and_udp_gets_every_answer)
{
    server s;
    auto queries =
        s.dir.write("queries", "www.example.com A\nalias.example.com AAAA\nnope.example.com A\n"
                               "txt.example.com TXT\nexample.com SOA\nexample.com NS\n"
                               "a.b.deep.example.com A\nwww.example.com TXT\n");
    for (std::string mode : {"tcp", "udp"}) {
        BOOST_TEST_CONTEXT(mode)
        {
            // 8 queries, 250 times over: 2000, up to 100 in flight, at most 30 s.
            auto [code, out] =
                run(tool("dnsperf"), {"-s", "127.0.0.1", "-p", s.port, "-m", mode, "-d", queries,
                                      "-n", "250", "-l", "30", "-q", "100", "-t", "5"});
            BOOST_TEST(code == 0, out);
            BOOST_TEST(grep(out, "Queries sent:\\s+2000$").size() == 1u, out);
            BOOST_TEST(grep(out, "Queries completed:\\s+2000 \\(100\\.00%\\)").size() == 1u, out);
            BOOST_TEST(grep(out, "Queries lost:\\s+0 ").size() == 1u, out);
            BOOST_TEST(
                grep(out,
                     "Response codes:\\s+NOERROR 1750 \\(87\\.50%\\), NXDOMAIN 250 \\(12\\.50%\\)$")
                        .size() == 1u,
                out);
        }
    }
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(dns_client_resolves_many_names_over_one_connection)
{
    server s({"--threads", "2"});
    // The client's queries written as combinators, and as a coroutine.
    for (auto style : {"combinators", "coroutine"}) {
        BOOST_TEST_CONTEXT(style)
        {
            std::vector<std::string> args{"--server", s.address, "--style", style};
            for (int i = 0; i < 100; ++i) {
                args.push_back("www.example.com");
                args.push_back("chain.example.com");
                args.push_back("missing" + std::to_string(i) + ".example.com");
            }
            auto [code, out] = run(pt::program_path("dns_client"), args);
            BOOST_TEST(code == 0, out);
            BOOST_TEST(grep(out, "^;; www\\.example\\.com\\. A: NOERROR, 2 answers, authoritative$")
                           .size() == 100u);
            BOOST_TEST(
                grep(out, "^;; chain\\.example\\.com\\. A: NOERROR, 4 answers, authoritative$")
                    .size() == 100u);
            BOOST_TEST(
                grep(out,
                     "^;; missing[0-9]+\\.example\\.com\\. A: NXDOMAIN, 0 answers, authoritative$")
                    .size() == 100u);
            BOOST_TEST(grep(out, "^www\\.example\\.com\\. 300 IN A 192\\.0\\.2\\.1$").size() ==
                       200u);
            // In the order given.
            auto headers = grep(out, "^;; ");
            BOOST_REQUIRE(headers.size() == 300u);
            BOOST_TEST(headers[5].find("missing1.example.com") != std::string::npos);
        }
    }

    auto [aaaa_code, aaaa] =
        run(pt::program_path("dns_client"),
            {"--server", s.address, "--type", "AAAA", "alias.example.com", "ns1.example.com"});
    BOOST_TEST(aaaa_code == 0, aaaa);
    BOOST_TEST(aaaa == ";; alias.example.com. AAAA: NOERROR, 2 answers, authoritative\n"
                       "alias.example.com. 3600 IN CNAME www.example.com.\n"
                       "www.example.com. 3600 IN AAAA 2001:db8::1\n"
                       ";; ns1.example.com. AAAA: NOERROR, 1 answer, authoritative\n"
                       "ns1.example.com. 3600 IN AAAA 2001:db8::53\n");
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(many_queries_in_flight_on_one_tcp_connection_each_get_their_answer)
{
    server s;
    tcp_peer peer(s.port);
    std::string batch;
    std::vector<std::string> const names{"www.example.com", "nope.example.com", "txt.example.com",
                                         "chain.example.com"};
    for (std::uint16_t id = 0; id < 200; ++id) {
        auto q = dns::make_query(dname(names[id % names.size()]),
                                 id % 4 == 2 ? dns::type::txt : dns::type::a);
        q.head.id = static_cast<std::uint16_t>(id * 317);
        auto wire = dns::serialize(q);
        batch += std::string{static_cast<char>(wire.size() >> 8),
                             static_cast<char>(wire.size() & 0xff)} +
                 wire;
    }
    peer.send(batch);
    std::vector<bool> seen(200);
    for (int i = 0; i < 200; ++i) {
        auto m = parsed(peer.read_frame());
        std::uint16_t const n = static_cast<std::uint16_t>(m.head.id / 317);
        BOOST_REQUIRE(n < 200 && m.head.id % 317 == 0);
        BOOST_TEST(!seen[n]);
        seen[n] = true;
        BOOST_TEST(m.questions.front().qname.to_string() == names[n % names.size()] + ".");
        BOOST_TEST(m.head.rcode == (n % 4 == 1 ? dns::rcode::nxdomain : dns::rcode::noerror));
    }
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(bad_input_gets_formerr_or_a_closed_connection_and_the_server_goes_on)
{
    server s;
    {
        tcp_peer peer(s.port);
        // A pointer loop in the question: FORMERR, with the id; the connection stays.
        peer.send_frame(unhex("4321 0100 0001 0000 0000 0000 c00c 0001 0001"));
        auto formerr = parsed(peer.read_frame());
        BOOST_TEST(formerr.head.id == 0x4321);
        BOOST_TEST(formerr.head.qr);
        BOOST_TEST(formerr.head.rcode == dns::rcode::formerr);
        // No question at all: FORMERR too.
        peer.send_frame(unhex("4322 0100 0000 0000 0000 0000"));
        BOOST_TEST(parsed(peer.read_frame()).head.rcode == dns::rcode::formerr);
        // NOTIFY: NOTIMP.
        auto notify = dns::make_query(dname("example.com"), dns::type::soa);
        notify.head.opcode = 4;
        notify.head.id = 0x4323;
        peer.send_frame(dns::serialize(notify));
        auto notimp = parsed(peer.read_frame());
        BOOST_TEST(notimp.head.id == 0x4323);
        BOOST_TEST(notimp.head.rcode == dns::rcode::notimp);
        // And a good query after all that.
        auto good = dns::make_query(dname("www.example.com"), dns::type::a);
        good.head.id = 0x4324;
        peer.send_frame(dns::serialize(good));
        BOOST_TEST(parsed(peer.read_frame()).answers.size() == 2u);
        // A frame too short for a header cannot be answered: the connection closes.
        peer.send_frame("\x01\x02\x03");
        BOOST_TEST(!peer.read_frame());
    }
    // Over UDP: FORMERR for a broken query; nothing for a runt or a response.
    auto formerr =
        parsed(udp_exchange(s.port, unhex("5555 0100 0001 0000 0000 0000 0161 c00c 0001 0001")));
    BOOST_TEST(formerr.head.id == 0x5555);
    BOOST_TEST(formerr.head.rcode == dns::rcode::formerr);
    BOOST_TEST(!udp_exchange(s.port, "\x01\x02\x03", 500));
    BOOST_TEST(!udp_exchange(s.port, unhex("5556 8400 0000 0000 0000 0000"), 500));
    auto [code, out] = run(tool("dig"), s.dig({"+short", "www.example.com"}));
    BOOST_TEST(out == "192.0.2.1\n192.0.2.2\n");
    BOOST_TEST(s.stop().value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(a_bad_zone_file_stops_the_server_with_the_line)
{
    temp_dir dir;
    auto [code, out] =
        run(pt::program_path("dns_server"), {"--listen", "127.0.0.1:0", "--zone",
                                             dir.write("bad.zone", "$TTL 60\nwww A 1.2.3.4\n")});
    BOOST_TEST(code == 1);
    BOOST_TEST(out.find("bad.zone:2: relative name 'www' with no $ORIGIN") != std::string::npos,
               out);
}

BOOST_AUTO_TEST_SUITE_END()
