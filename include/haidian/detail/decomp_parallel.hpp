/// @file
/// A fixed-partition parallel loop over work items, so results never depend on the thread count.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END
#include <haidian/errors.hpp>  // HAIDIAN_EXCEPTIONS

#include <algorithm>  // min
#include <cstddef>    // ptrdiff_t
#include <exception>  // exception_ptr
#include <thread>     // thread, hardware_concurrency
#include <vector>

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Number of worker threads to use for `requested` (0 = all hardware threads) and `items` items.
inline int resolve_threads(int requested, std::ptrdiff_t items) {
  int threads = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  if (static_cast<std::ptrdiff_t>(threads) > items) threads = static_cast<int>(std::max<std::ptrdiff_t>(items, 1));
  return threads;
}

/// Calls body(begin, end) on contiguous ranges of [0, items), one range per thread.
///
/// Why this shape: every item writes only its own output slots and partial sums, and the caller
/// reduces the partials in item order afterwards, so the arithmetic (and hence every bit of the
/// result) is the same for 1 or 64 threads; only who computes which item changes. Workers report
/// bad data through flags the caller checks after the join; an exception (std::bad_alloc of a
/// worker's scratch, or a thread that cannot start) is rethrown on the calling thread after every
/// started worker has joined, never left to std::terminate.
template <class Body>
void parallel_items(std::ptrdiff_t items, int threads, Body&& body) {
  threads = resolve_threads(threads, items);
  if (threads == 1) {
    body(std::ptrdiff_t{0}, items);
    return;
  }
  const auto bound = [&](int t) { return items * t / threads; };
#if HAIDIAN_EXCEPTIONS
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
  const auto run = [&](int t) {
    try {
      body(bound(t), bound(t + 1));
    } catch (...) {
      errors[static_cast<std::size_t>(t)] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  std::exception_ptr start_error;  // a thread that did not start: its range is not done
  try {
    workers.reserve(static_cast<std::size_t>(threads - 1));
    for (int t = 1; t < threads; ++t) workers.emplace_back(run, t);
  } catch (...) {
    start_error = std::current_exception();
  }
  if (!start_error) run(0);
  for (auto& worker : workers) worker.join();
  if (start_error) std::rethrow_exception(start_error);
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
#else
  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&body, begin = bound(t), end = bound(t + 1)] { body(begin, end); });
  }
  body(bound(0), bound(1));
  for (auto& worker : workers) worker.join();
#endif
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
