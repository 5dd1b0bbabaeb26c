#define BOOST_TEST_MODULE protokit
#include <boost/test/unit_test.hpp>
