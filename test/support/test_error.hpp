// Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
#ifndef PROTOKIT_TEST_SUPPORT_TEST_ERROR_HPP
#define PROTOKIT_TEST_SUPPORT_TEST_ERROR_HPP

#include <protokit/future/poll.hpp>

#include <boost/system/error_code.hpp>

namespace protokit::test {

/// An error code for tests, in the generic category: `test_error(5)`.
inline future::error_code test_error(int value)
{
    return future::error_code(value, boost::system::generic_category());
}

} // namespace protokit::test

#endif
