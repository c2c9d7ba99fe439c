// The Boost.Test module: every other file in tests/cpp/ adds one suite to it.
#define BOOST_TEST_MODULE haidian
#include <boost/test/unit_test.hpp>
