// The fixed-partition parallel loop: every item is visited once for any thread count, and an
// exception in a worker reaches the caller after every worker has joined (not std::terminate).
#include <haidian/detail/decomp_parallel.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(parallel)

BOOST_AUTO_TEST_CASE(every_item_once_for_any_thread_count) {
  for (const int threads : {1, 2, 3, 7, 64}) {
    std::vector<int> visits(1000, 0);
    haidian::detail::parallel_items(static_cast<std::ptrdiff_t>(visits.size()), threads,
                                    [&](std::ptrdiff_t begin, std::ptrdiff_t end) {
                                      for (std::ptrdiff_t i = begin; i < end; ++i) ++visits[static_cast<std::size_t>(i)];
                                    });
    for (const int v : visits) BOOST_TEST(v == 1);
  }
}

BOOST_AUTO_TEST_CASE(a_worker_exception_reaches_the_caller_after_the_join) {
  for (const int threads : {2, 4}) {
    std::atomic<int> finished{0};
    const auto body = [&](std::ptrdiff_t begin, std::ptrdiff_t) {
      if (begin > 0) throw std::runtime_error("worker failed");  // every range but the caller's
      ++finished;
    };
    BOOST_CHECK_EXCEPTION(haidian::detail::parallel_items(100, threads, body), std::runtime_error,
                          [](const std::runtime_error& e) { return std::string(e.what()) == "worker failed"; });
    BOOST_TEST(finished.load() == 1);  // the caller's own range still ran to the end
  }
}

BOOST_AUTO_TEST_SUITE_END()
