// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/protokit.hpp>

#include <boost/test/unit_test.hpp>

// The umbrella header compiles on its own and names every layer.

BOOST_AUTO_TEST_SUITE(base_protokit)

BOOST_AUTO_TEST_CASE(every_layer_is_reachable_from_the_umbrella)
{
    namespace pf = protokit::future;
    auto f = pf::spawn(pf::ok(20).map([](int v) { return v + 1; }).and_then([](int v) { return pf::ok(v * 2); }));
    protokit::reactor::core core;
    auto r = core.run(pf::ok(1).map([](int v) { return v + 41; }));
    BOOST_TEST(r.value() == 42);
    static_assert(protokit::service::Service<decltype(protokit::service::service_fn([](int v) { return pf::ok(v); }))>);
    static_assert(protokit::io::Io<protokit::reactor::tcp_stream>);
    static_assert(protokit::reactor::Executor<protokit::reactor::handle>);
    (void)f;
}

BOOST_AUTO_TEST_SUITE_END()
