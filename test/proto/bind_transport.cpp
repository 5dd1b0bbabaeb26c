// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/proto/bind_transport.hpp>

#include <protokit/future/executor.hpp>

#include "../support/mock_notify.hpp"
#include "../support/test_error.hpp"
#include "../support/test_future.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>

BOOST_AUTO_TEST_SUITE(proto_bind_transport)

namespace pf = protokit::future;
namespace pp_bind = protokit::proto;
namespace pt = protokit::test;

namespace {

/// A stand-in transport: the Io it was bound over, move-only as transports are.
struct fake_transport {
    std::unique_ptr<std::string> io;
};

/// Returns the transport itself.
struct direct_proto {
    fake_transport bind_transport(std::string io) const
    {
        return {std::make_unique<std::string>(std::move(io))};
    }
};

/// Returns a result: an error when the Io is "bad".
struct checked_proto {
    boost::system::result<fake_transport> bind_transport(std::string io) const
    {
        if (io == "bad")
            return pt::test_error(9);
        return fake_transport{std::make_unique<std::string>(std::move(io))};
    }
};

/// Returns a future completed by hand (a handshake that takes a while).
struct handshake_proto {
    std::shared_ptr<std::optional<pt::test_future_control<fake_transport>>> control =
        std::make_shared<std::optional<pt::test_future_control<fake_transport>>>();

    pt::test_future<fake_transport> bind_transport(std::string) const
    {
        auto [f, c] = pt::make_test_future<fake_transport>();
        control->emplace(std::move(c));
        return std::move(f);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_transport_returned_directly_is_a_ready_future_of_it)
{
    static_assert(std::is_same_v<pp_bind::transport_t<direct_proto, std::string>, fake_transport>);
    static_assert(pf::Future<pp_bind::bind_future_t<direct_proto, std::string>>);
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pp_bind::bind_transport(direct_proto{}, std::string("socket")));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value().io == "socket");
}

BOOST_AUTO_TEST_CASE(a_result_becomes_a_future_that_is_ready_or_failed)
{
    static_assert(std::is_same_v<pp_bind::transport_t<checked_proto, std::string>, fake_transport>);
    auto n = pt::make_counting_notify();

    auto good = pf::spawn(pp_bind::bind_transport(checked_proto{}, std::string("socket")));
    auto r = good.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value().io == "socket");

    auto bad = pf::spawn(pp_bind::bind_transport(checked_proto{}, std::string("bad")));
    auto e = bad.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(e.is_error());
    BOOST_TEST(e.error() == pt::test_error(9));
}

BOOST_AUTO_TEST_CASE(a_future_is_passed_through_and_waited_for)
{
    using bound = pp_bind::bind_future_t<handshake_proto, std::string>;
    static_assert(std::is_same_v<bound, pt::test_future<fake_transport>>);
    handshake_proto proto;
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pp_bind::bind_transport(proto, std::string("socket")));
    BOOST_TEST(!f.poll_future_notify(n, 0).is_ready());
    BOOST_TEST_REQUIRE(proto.control->has_value());

    (*proto.control)->set_ready(fake_transport{std::make_unique<std::string>("after handshake")});
    BOOST_TEST(n->count() == 1); // the task that waits for the transport is woken
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_ready());
    BOOST_TEST(*r.value().io == "after handshake");
}

BOOST_AUTO_TEST_CASE(a_failed_handshake_fails_the_bind)
{
    handshake_proto proto;
    auto n = pt::make_counting_notify();
    auto f = pf::spawn(pp_bind::bind_transport(proto, std::string("socket")));
    BOOST_TEST(!f.poll_future_notify(n, 0).is_ready());
    (*proto.control)->set_error(pt::test_error(3));
    auto r = f.poll_future_notify(n, 0);
    BOOST_TEST_REQUIRE(r.is_error());
    BOOST_TEST(r.error() == pt::test_error(3));
}

BOOST_AUTO_TEST_SUITE_END()
