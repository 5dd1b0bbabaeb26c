// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#include <protokit/future/unsync/oneshot.hpp>

#include <protokit/future/map.hpp>

#include <protokit/future/boxed.hpp>
#include <protokit/future/executor.hpp>
#include <protokit/future/lazy.hpp>
#include <protokit/future/ok.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_future.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_unsync_oneshot)

namespace oneshot = pf::unsync::oneshot;

#include "../sync/oneshot_cases.ipp"

BOOST_AUTO_TEST_SUITE_END()
