#include <protokit/future/unsync/mpsc.hpp>

#include <protokit/future/sink/send.hpp>
#include <protokit/future/sink/send_all.hpp>

#include "../../support/mock_notify.hpp"
#include "../../support/test_sink.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <numeric>
#include <string>

namespace pf = protokit::future;
namespace pt = protokit::test;

BOOST_AUTO_TEST_SUITE(future_unsync_mpsc)

namespace mpsc = pf::unsync::mpsc;

#include "../sync/mpsc_cases.ipp"

BOOST_AUTO_TEST_SUITE_END()
